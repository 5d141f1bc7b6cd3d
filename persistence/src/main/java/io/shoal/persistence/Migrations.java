package io.shoal.persistence;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies this module's Flyway migrations ({@code classpath:db/migration}): journal, snapshots, projection offsets,
 * read models, users and audit log. Safe to call on every start and from several nodes at once: already applied
 * versions are skipped, Flyway's PostgreSQL advisory lock lets one node migrate at a time, and an edited, already
 * applied migration fails validation instead of silently diverging.
 *
 * <p>Flyway holds <em>two</em> connections while it migrates PostgreSQL (one for its lock and history table, one
 * for the migration). A pool of one connection would wait for itself until its connection timeout, so {@link
 * #apply(DataSource)} refuses such a pool up front; {@link #apply(DatabaseSettings)} opens its own connections.
 */
public final class Migrations {

  /** Where the SQL files live on the classpath. */
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /**
   * Migrates the database behind {@code dataSource} to the latest version; returns how many ran now.
   *
   * @throws IllegalArgumentException for a HikariCP pool of fewer than two connections
   */
  public static int apply(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource pool && pool.getMaximumPoolSize() < 2) {
      throw new IllegalArgumentException(
          "Flyway needs two connections at once to migrate PostgreSQL, pool "
              + pool.getPoolName()
              + " has "
              + pool.getMaximumPoolSize()
              + ": use Migrations.apply(DatabaseSettings) or a larger pool");
    }
    MigrateResult result = flyway(dataSource).migrate();
    return result.migrationsExecuted;
  }

  /**
   * Migrates the database at {@code settings.url()} over connections of its own (closed afterwards), whatever the
   * pool size; returns how many migrations ran now.
   */
  public static int apply(DatabaseSettings settings) {
    if (!settings.hasUrl()) {
      throw new IllegalArgumentException("shoal.db.url (SHOAL_DB_URL) is empty: nothing to migrate");
    }
    MigrateResult result =
        configure().dataSource(settings.url(), settings.user(), settings.password()).load().migrate();
    return result.migrationsExecuted;
  }

  /**
   * The Flyway instance used by {@link #apply(DataSource)}, for callers that want {@code info()} or {@code
   * validate()}.
   */
  public static Flyway flyway(DataSource dataSource) {
    return configure().dataSource(dataSource).load();
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration configure() {
    return Flyway.configure().locations(LOCATION).failOnMissingLocations(true);
  }
}
