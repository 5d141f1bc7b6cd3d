package io.shoal.node.ingest;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff: {@code min}, doubling per retry up to {@code max}, each delay stretched by up to
 * {@code randomFactor} so that many waiting frames (or nodes) do not all come back at the same instant.
 */
public record Backoff(Duration min, Duration max, double randomFactor) {

  public Backoff {
    if (min.isZero() || min.isNegative()) {
      throw new IllegalArgumentException("min-backoff must be positive: " + min);
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max-backoff " + max + " is below min-backoff " + min);
    }
    if (!(randomFactor >= 0 && randomFactor <= 1)) {
      throw new IllegalArgumentException("random-factor must be between 0 and 1: " + randomFactor);
    }
  }

  /** Reads {@code min-backoff}, {@code max-backoff} and {@code random-factor} of {@code c}. */
  static Backoff fromConfig(Config c) {
    return new Backoff(c.getDuration("min-backoff"), c.getDuration("max-backoff"), c.getDouble("random-factor"));
  }

  /** The pause before retry number {@code retry} (1 = the first retry). */
  public Duration delay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry counts from 1: " + retry);
    }
    // Doubling 62 times overflows a long of nanoseconds; by then the cap has long been reached anyway.
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(retry - 1, 62);
    long nanos = minNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, minNanos << shift);
    double jitter = randomFactor == 0 ? 1 : 1 + ThreadLocalRandom.current().nextDouble(randomFactor);
    return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, nanos * jitter));
  }
}
