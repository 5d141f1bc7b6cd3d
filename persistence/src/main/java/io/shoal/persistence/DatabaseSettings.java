package io.shoal.persistence;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The PostgreSQL connection settings under {@code shoal.db} (see this module's {@code reference.conf}).
 *
 * @param url JDBC URL; empty when none is configured (the demo then starts {@link EmbeddedPostgres})
 * @param poolSize upper bound of the connection pool
 */
public record DatabaseSettings(
    String url,
    String user,
    String password,
    int poolSize,
    int minIdle,
    Duration connectionTimeout,
    Duration maxLifetime,
    Embedded embedded) {

  /** Settings under {@code shoal.db.embedded}. {@code port} 0 means "pick a free port". */
  public record Embedded(int port, Path parentDirectory, Duration startupTimeout) {
    public Embedded {
      Objects.requireNonNull(parentDirectory, "parentDirectory");
      Objects.requireNonNull(startupTimeout, "startupTimeout");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("shoal.db.embedded.port must be 0..65535, was " + port);
      }
    }

    /** Where instances live when {@code parent-directory} is empty. */
    public static Path defaultParentDirectory() {
      return Path.of(System.getProperty("java.io.tmpdir"), "shoal-embedded-pg");
    }

    public static Embedded fromConfig(Config embedded) {
      String parent = embedded.getString("parent-directory").trim();
      return new Embedded(
          embedded.getInt("port"),
          parent.isEmpty() ? defaultParentDirectory() : Path.of(parent),
          embedded.getDuration("startup-timeout"));
    }
  }

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    Objects.requireNonNull(embedded, "embedded");
    if (poolSize < 1) {
      throw new IllegalArgumentException("shoal.db.pool-size must be >= 1, was " + poolSize);
    }
    if (minIdle < 0 || minIdle > poolSize) {
      throw new IllegalArgumentException(
          "shoal.db.min-idle must be 0.." + poolSize + " (pool-size), was " + minIdle);
    }
    if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("shoal.db.url must be a jdbc:postgresql: URL, was " + url);
    }
  }

  /** Reads {@code shoal.db} from a full configuration (the one an ActorSystem would get). */
  public static DatabaseSettings fromConfig(Config root) {
    Config db = root.getConfig("shoal.db");
    return new DatabaseSettings(
        db.getString("url").trim(),
        db.getString("user"),
        db.getString("password"),
        db.getInt("pool-size"),
        db.getInt("min-idle"),
        db.getDuration("connection-timeout"),
        db.getDuration("max-lifetime"),
        Embedded.fromConfig(db.getConfig("embedded")));
  }

  /** Whether an external database was configured ({@code shoal.db.url} / {@code SHOAL_DB_URL}). */
  public boolean hasUrl() {
    return !url.isEmpty();
  }

  /** The same settings pointed at another database (used to plug in an embedded PostgreSQL's URL). */
  public DatabaseSettings withConnection(String newUrl, String newUser, String newPassword) {
    return new DatabaseSettings(
        newUrl, newUser, newPassword, poolSize, minIdle, connectionTimeout, maxLifetime, embedded);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "DatabaseSettings[url="
        + url
        + ", user="
        + user
        + ", poolSize="
        + poolSize
        + ", minIdle="
        + minIdle
        + ", connectionTimeout="
        + connectionTimeout
        + ", maxLifetime="
        + maxLifetime
        + ", embedded="
        + embedded
        + "]";
  }
}
