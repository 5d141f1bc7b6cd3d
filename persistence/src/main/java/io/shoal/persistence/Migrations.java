package io.shoal.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies this module's Flyway migrations ({@code classpath:db/migration}): journal, snapshots, projection offsets,
 * read models, users and audit log. Safe to call on every start: already applied versions are skipped, and an
 * edited, already applied migration fails validation instead of silently diverging.
 */
public final class Migrations {

  /** Where the SQL files live on the classpath. */
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /** Migrates the database behind {@code dataSource} to the latest version; returns how many ran now. */
  public static int apply(DataSource dataSource) {
    MigrateResult result = flyway(dataSource).migrate();
    return result.migrationsExecuted;
  }

  /** The Flyway instance used by {@link #apply}, for callers that want {@code info()} or {@code validate()}. */
  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        .load();
  }
}
