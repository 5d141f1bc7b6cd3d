package io.shoal.node.bench;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/** What {@code shoal bench-inference} runs, read from {@code shoal.bench.inference} (see reference.conf). */
public record BenchSettings(int frames, long seed, int warmUp, int repetitions, List<Integer> batchSizes,
    Duration maxBatchDelay, int inFlight) {

  public static final String CONFIG_PATH = "shoal.bench.inference";

  public BenchSettings {
    batchSizes = List.copyOf(batchSizes);
    require(!batchSizes.isEmpty(), "batch-sizes must not be empty");
    require(batchSizes.stream().allMatch(b -> b >= 1), "batch-sizes must be positive, were " + batchSizes);
    require(batchSizes.stream().distinct().count() == batchSizes.size(), "batch-sizes repeat: " + batchSizes);
    require(frames >= largestBatch(batchSizes),
        "frames (" + frames + ") must be at least the largest batch size (" + largestBatch(batchSizes) + ")");
    require(warmUp >= 0, "warm-up must not be negative, was " + warmUp);
    // Warm-up reuses the rendered frames; a quick run with --frames 64 should not also need --warm-up.
    warmUp = Math.min(warmUp, frames);
    require(repetitions >= 1, "repetitions must be at least 1, was " + repetitions);
    require(maxBatchDelay != null && !maxBatchDelay.isNegative(), "max-batch-delay must not be negative");
    require(inFlight >= 1, "in-flight must be at least 1, was " + inFlight);
  }

  public static BenchSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new BenchSettings(c.getInt("frames"), c.getLong("seed"), c.getInt("warm-up"), c.getInt("repetitions"),
        c.getIntList("batch-sizes"), c.getDuration("max-batch-delay"), c.getInt("in-flight"));
  }

  /** The batch size the report's last line is about. */
  public int largestBatch() {
    return largestBatch(batchSizes);
  }

  private static int largestBatch(List<Integer> sizes) {
    return sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(CONFIG_PATH + ": " + message);
    }
  }
}
