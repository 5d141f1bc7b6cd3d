package io.shoal.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the bounded HikariCP pool that read models, projections and migrations share. */
public final class DataSources {

  private DataSources() {}

  /**
   * A pool of at most {@link DatabaseSettings#poolSize()} connections. Callers beyond that wait up to {@link
   * DatabaseSettings#connectionTimeout()} and then fail: nothing queues without bound. Close it on shutdown.
   *
   * @throws IllegalArgumentException when no URL is configured
   */
  public static HikariDataSource create(DatabaseSettings settings, String poolName) {
    if (!settings.hasUrl()) {
      throw new IllegalArgumentException(
          "shoal.db.url (SHOAL_DB_URL) is empty: configure a database or start an embedded one");
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(settings.minIdle());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setMaxLifetime(settings.maxLifetime().toMillis());
    // Fail at start-up, not at the first query, when the database is unreachable.
    config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
    return new HikariDataSource(config);
  }
}
