package io.shoal.node;

import com.typesafe.config.Config;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The set-up several whole-system test fixtures share: an embedded PostgreSQL (under {@code target/embedded-pg}, so a
 * crashed run's postmaster is reaped by the next one) and the configuration of a cluster member on loopback whose
 * journal and read models live in it.
 */
public final class ClusterOnPostgres {

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private ClusterOnPostgres() {}

  public static EmbeddedPostgres startPostgres() throws IOException {
    return EmbeddedPostgres.start(new DatabaseSettings.Embedded(0, Path.of("target", "embedded-pg"), STARTUP));
  }

  /** reference.conf with {@code overrides} on top of a loopback cluster member using {@code postgres}. */
  public static Config config(EmbeddedPostgres postgres, Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>(Map.of(
        "shoal.db.url", postgres.jdbcUrl(),
        "shoal.db.user", EmbeddedPostgres.USER,
        "shoal.db.password", "",
        "pekko.loglevel", "WARNING",
        "pekko.actor.provider", "cluster",
        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
        "pekko.remote.artery.canonical.port", 0,
        "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on"));
    all.putAll(overrides);
    return ReferenceConfig.withOverrides(all);
  }
}
