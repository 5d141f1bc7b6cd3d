package io.shoal.node.bench;

import java.util.Arrays;

/** Order statistics over a handful of measurements. */
public final class Samples {

  private Samples() {}

  public static double median(double[] values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile: always one of the measured values, never an interpolation between two. */
  public static double percentile(double[] values, double percent) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public static double mean(double[] values) {
    return Arrays.stream(values).average().orElseThrow();
  }
}
