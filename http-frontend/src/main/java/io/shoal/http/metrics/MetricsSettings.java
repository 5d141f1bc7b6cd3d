package io.shoal.http.metrics;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code shoal.http.metrics} block: the sliding window of GET /api/v1/metrics/performance.
 *
 * @param window     how far back the report looks
 * @param interval   the window moves in steps of this; it is kept as window / interval histograms
 * @param maxLatency latencies above this are recorded as this (fixed histogram range, fixed memory)
 */
public record MetricsSettings(Duration window, Duration interval, Duration maxLatency) {

  public static final String CONFIG_PATH = "shoal.http.metrics";
  /** Each step is a ~20 KB histogram; more steps than this buy smoothness nobody reads. */
  public static final int MAX_STEPS = 1_000;

  public MetricsSettings {
    if (interval.isZero() || interval.isNegative() || window.compareTo(interval) < 0) {
      throw new IllegalArgumentException(CONFIG_PATH + ": need 0 < interval <= window: " + interval + ", " + window);
    }
    if (steps(window, interval) > MAX_STEPS) {
      throw new IllegalArgumentException(CONFIG_PATH + ": window / interval must be at most " + MAX_STEPS);
    }
    if (maxLatency.toNanos() < 1_000) {
      throw new IllegalArgumentException(CONFIG_PATH + ".max-latency must be at least 1 microsecond");
    }
  }

  public static MetricsSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new MetricsSettings(c.getDuration("window"), c.getDuration("interval"), c.getDuration("max-latency"));
  }

  /** How many interval histograms make up the window (a partial last interval counts as one). */
  public int steps() {
    return steps(window, interval);
  }

  private static int steps(Duration window, Duration interval) {
    long n = (window.toNanos() + interval.toNanos() - 1) / interval.toNanos();
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
