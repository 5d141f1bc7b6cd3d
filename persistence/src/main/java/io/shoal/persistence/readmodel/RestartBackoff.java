package io.shoal.persistence.readmodel;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * How a projection restarts after its stream failed (database away, broker away, a handler error): after
 * {@code minBackoff}, doubling up to {@code maxBackoff}, with jitter, at most {@code maxRestarts} times (-1: no
 * limit). A projection that gave up stays stopped until its ShardedDaemonProcess instance is restarted elsewhere.
 */
public record RestartBackoff(Duration minBackoff, Duration maxBackoff, double randomFactor, int maxRestarts) {

  public RestartBackoff {
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("restart-backoff needs 0 < min-backoff <= max-backoff, was " + minBackoff
          + " / " + maxBackoff);
    }
    if (randomFactor < 0) {
      throw new IllegalArgumentException("restart-backoff.random-factor must be >= 0, was " + randomFactor);
    }
    if (maxRestarts < -1) {
      throw new IllegalArgumentException("restart-backoff.max-restarts must be >= -1, was " + maxRestarts);
    }
  }

  /** Reads {@code min-backoff}, {@code max-backoff}, {@code random-factor}, {@code max-restarts}. */
  public static RestartBackoff fromConfig(Config backoff) {
    return new RestartBackoff(
        backoff.getDuration("min-backoff"),
        backoff.getDuration("max-backoff"),
        backoff.getDouble("random-factor"),
        backoff.getInt("max-restarts"));
  }
}
