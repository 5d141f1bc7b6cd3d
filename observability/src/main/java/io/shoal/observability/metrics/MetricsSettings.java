package io.shoal.observability.metrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * {@code shoal.metrics}: whether Kamon runs, where its scrape endpoint listens, and how often polled gauges refresh.
 *
 * @param kamon the node's configuration with {@code shoal.metrics.kamon} laid over its {@code kamon} block: what
 *              {@code Kamon.init} is given
 */
public record MetricsSettings(boolean enabled, String host, int port, String path, int endpointThreads,
    int endpointBacklog, Duration readModelPollInterval, Duration consumerLagPollInterval,
    Duration consumerLagTimeout, Duration clusterRefreshInterval, Config kamon) {

  public static final String CONFIG_PATH = "shoal.metrics";

  public MetricsSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(CONFIG_PATH + ".port must be 0..65535, was " + port);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(CONFIG_PATH + ".path must start with /, was " + path);
    }
    if (endpointThreads < 1 || endpointBacklog < 1) {
      throw new IllegalArgumentException(CONFIG_PATH + ".endpoint-threads and endpoint-backlog must be positive");
    }
    requirePositive(readModelPollInterval, "read-model-poll-interval");
    requirePositive(consumerLagPollInterval, "consumer-lag-poll-interval");
    requirePositive(consumerLagTimeout, "consumer-lag-timeout");
    requirePositive(clusterRefreshInterval, "cluster-refresh-interval");
  }

  public static MetricsSettings fromConfig(Config config) {
    Config c = config.getConfig(CONFIG_PATH);
    Config kamon = ConfigFactory.empty()
        .withValue("kamon", c.getValue("kamon"))
        .withFallback(config);
    return new MetricsSettings(c.getBoolean("enabled"), c.getString("host"), c.getInt("port"), c.getString("path"),
        c.getInt("endpoint-threads"), c.getInt("endpoint-backlog"), c.getDuration("read-model-poll-interval"),
        c.getDuration("consumer-lag-poll-interval"), c.getDuration("consumer-lag-timeout"),
        c.getDuration("cluster-refresh-interval"), kamon);
  }

  private static void requirePositive(Duration duration, String key) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(CONFIG_PATH + "." + key + " must be positive, was " + duration);
    }
  }
}
