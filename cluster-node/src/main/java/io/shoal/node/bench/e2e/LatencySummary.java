package io.shoal.node.bench.e2e;

import org.HdrHistogram.AbstractHistogram;

/** Percentiles of a histogram of microseconds, in milliseconds. */
record LatencySummary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

  static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  static LatencySummary ofMicros(AbstractHistogram micros) {
    if (micros.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
