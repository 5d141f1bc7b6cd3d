package io.shoal.http.auth;

import com.zaxxer.hikari.HikariDataSource;
import io.shoal.persistence.DataSources;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import io.shoal.persistence.Migrations;
import java.nio.file.Path;
import java.time.Duration;

/** A real (embedded) PostgreSQL with the Flyway migrations applied, and a small pool on it. */
final class TestDatabase implements AutoCloseable {

  private final EmbeddedPostgres server;
  final HikariDataSource dataSource;

  private TestDatabase(EmbeddedPostgres server, HikariDataSource dataSource) {
    this.server = server;
    this.dataSource = dataSource;
  }

  static TestDatabase start() throws Exception {
    // Under target/ so that a crashed run's postmaster is found and stopped by the next start.
    DatabaseSettings.Embedded embedded =
        new DatabaseSettings.Embedded(0, Path.of("target", "embedded-pg"), Duration.ofSeconds(60));
    EmbeddedPostgres server = EmbeddedPostgres.start(embedded);
    try {
      DatabaseSettings settings = new DatabaseSettings(server.jdbcUrl(), EmbeddedPostgres.USER, "", 4, 1,
          Duration.ofSeconds(5), Duration.ofMinutes(30), embedded);
      HikariDataSource pool = DataSources.create(settings, "auth-test");
      Migrations.apply(pool);
      return new TestDatabase(server, pool);
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  /** Another pool on the same database, for tests that close theirs to simulate the database going away. */
  HikariDataSource anotherPool() {
    DatabaseSettings settings = new DatabaseSettings(server.jdbcUrl(), EmbeddedPostgres.USER, "", 2, 0,
        Duration.ofSeconds(1), Duration.ofMinutes(30),
        new DatabaseSettings.Embedded(0, Path.of("target", "embedded-pg"), Duration.ofSeconds(60)));
    return DataSources.create(settings, "auth-test-extra");
  }

  @Override
  public void close() throws Exception {
    dataSource.close();
    server.close();
  }
}
