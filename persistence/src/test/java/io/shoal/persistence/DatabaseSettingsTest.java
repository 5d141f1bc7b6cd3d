package io.shoal.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  /** This module's reference.conf alone: no system properties, no SHOAL_* environment variables. */
  private static Config reference() {
    return ConfigFactory.parseResources(DatabaseSettings.class, "/reference.conf").resolve();
  }

  @Test
  void defaultsComeFromReferenceConf() {
    DatabaseSettings settings = DatabaseSettings.fromConfig(reference());
    assertThat(settings.url()).isEmpty();
    assertThat(settings.hasUrl()).isFalse();
    assertThat(settings.user()).isEqualTo("shoal");
    assertThat(settings.poolSize()).isEqualTo(8);
    assertThat(settings.minIdle()).isEqualTo(1);
    assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.embedded().port()).isZero();
    assertThat(settings.embedded().parentDirectory())
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "shoal-embedded-pg"));
  }

  @Test
  void environmentStyleOverridesWin() {
    Config withEnv =
        ConfigFactory.parseResources(DatabaseSettings.class, "/reference.conf")
            .withFallback(
                ConfigFactory.parseString(
                    """
                    SHOAL_EMBEDDED_DB_DIR = "/var/tmp/pg"
                    SHOAL_DB_URL = "jdbc:postgresql://db:5432/shoal"
                    SHOAL_DB_USER = "ops"
                    SHOAL_DB_PASSWORD = "secret"
                    SHOAL_DB_POOL_SIZE = 3
                    SHOAL_EMBEDDED_DB_PORT = 55432
                    """))
            .resolve();
    DatabaseSettings settings = DatabaseSettings.fromConfig(withEnv);
    assertThat(settings.url()).isEqualTo("jdbc:postgresql://db:5432/shoal");
    assertThat(settings.user()).isEqualTo("ops");
    assertThat(settings.password()).isEqualTo("secret");
    assertThat(settings.poolSize()).isEqualTo(3);
    assertThat(settings.embedded().port()).isEqualTo(55432);
    assertThat(settings.embedded().parentDirectory()).isEqualTo(Path.of("/var/tmp/pg"));
    assertThat(settings.toString()).doesNotContain("secret");
  }

  @Test
  void refusesNonsense() {
    DatabaseSettings ok = DatabaseSettings.fromConfig(reference());
    assertThatThrownBy(() -> ok.withConnection("jdbc:mysql://x/y", "u", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(
            () ->
                new DatabaseSettings(
                    "", "u", "", 0, 0, Duration.ofSeconds(1), Duration.ofMinutes(1), ok.embedded()))
        .hasMessageContaining("pool-size");
    assertThatThrownBy(() -> DataSources.create(ok, "no-url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHOAL_DB_URL");
  }

  @Test
  void thePoolNeverHandsOutMoreThanPoolSizeConnections() throws Exception {
    try (EmbeddedPostgres postgres =
        TestPostgres.start()) {
      DatabaseSettings settings =
          postgres.applyTo(
              new DatabaseSettings(
                  "",
                  "unused",
                  "",
                  2,
                  0,
                  Duration.ofMillis(250),
                  Duration.ofMinutes(30),
                  TestPostgres.settings()));
      try (HikariDataSource pool = DataSources.create(settings, "bounded-test");
          Connection first = pool.getConnection();
          Connection second = pool.getConnection()) {
        assertThat(first.isValid(1)).isTrue();
        assertThat(second.isValid(1)).isTrue();
        assertThatThrownBy(pool::getConnection)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("timed out");
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(2);
      }
    }
  }
}
