package io.shoal.node.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What {@code shoal bench-inference} runs, read from {@code shoal.bench.inference} (see reference.conf). */
public record BenchSettings(int frames, long seed, int warmUp, int repetitions, List<Integer> batchSizes,
    Duration maxBatchDelay, int inFlight, Timing timing) {

  public static final String CONFIG_PATH = "shoal.bench.inference";

  /**
   * How long the benchmark waits, and for what (reference.conf says why each is what it is).
   *
   * @param passTimeout          longest one actor pass may take before the benchmark gives up
   * @param overloadedRetryPause pause before a request answered Overloaded is sent again
   * @param startStopTimeout     longest a pool may take to start or stop, and the actor system to terminate
   */
  public record Timing(Duration passTimeout, Duration overloadedRetryPause, Duration startStopTimeout) {
    public Timing {
      require(positive(passTimeout), "pass-timeout must be positive");
      require(overloadedRetryPause != null && !overloadedRetryPause.isNegative(),
          "overloaded-retry-pause must not be negative");
      require(positive(startStopTimeout), "start-stop-timeout must be positive");
    }
  }

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
    require(timing != null, "timing must be given");
  }

  public static BenchSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new BenchSettings(c.getInt("frames"), c.getLong("seed"), c.getInt("warm-up"), c.getInt("repetitions"),
        batchSizes(c), c.getDuration("max-batch-delay"), c.getInt("in-flight"),
        new Timing(c.getDuration("pass-timeout"), c.getDuration("overloaded-retry-pause"),
            c.getDuration("start-stop-timeout")));
  }

  /** The batch size the report's last line is about. */
  public int largestBatch() {
    return largestBatch(batchSizes);
  }

  /** A list in config files; a comma-separated string when it comes from SHOAL_BENCH_INFERENCE_BATCH_SIZES. */
  private static List<Integer> batchSizes(Config c) {
    if (c.getValue("batch-sizes").valueType() != ConfigValueType.STRING) {
      return c.getIntList("batch-sizes");
    }
    String given = c.getString("batch-sizes");
    try {
      return Arrays.stream(given.split(",")).map(String::trim).map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(CONFIG_PATH + ": batch-sizes must be comma-separated integers, was \""
          + given + "\"", e);
    }
  }

  private static int largestBatch(List<Integer> sizes) {
    return sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  /** Used by {@link Timing} too, so every message names the config block. */
  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(CONFIG_PATH + ": " + message);
    }
  }
}
