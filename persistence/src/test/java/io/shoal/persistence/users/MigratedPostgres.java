package io.shoal.persistence.users;

import com.zaxxer.hikari.HikariDataSource;
import io.shoal.persistence.DataSources;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import io.shoal.persistence.Migrations;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real (embedded) PostgreSQL migrated to the latest schema, with a pool on it. Lives under the same directory as
 * the module's other test instances ({@code target/embedded-pg}) so orphans of a crashed run are cleaned up.
 */
final class MigratedPostgres implements AutoCloseable {

  final EmbeddedPostgres server;
  final HikariDataSource dataSource;

  private MigratedPostgres(EmbeddedPostgres server, HikariDataSource dataSource) {
    this.server = server;
    this.dataSource = dataSource;
  }

  static MigratedPostgres start() throws Exception {
    DatabaseSettings.Embedded embedded =
        new DatabaseSettings.Embedded(0, Path.of("target", "embedded-pg"), Duration.ofSeconds(60));
    EmbeddedPostgres server = EmbeddedPostgres.start(embedded);
    try {
      DatabaseSettings settings = new DatabaseSettings(server.jdbcUrl(), EmbeddedPostgres.USER, "", 4, 1,
          Duration.ofSeconds(5), Duration.ofMinutes(30), embedded);
      HikariDataSource pool = DataSources.create(settings, "users-test");
      Migrations.apply(pool);
      return new MigratedPostgres(server, pool);
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    dataSource.close();
    server.close();
  }
}
