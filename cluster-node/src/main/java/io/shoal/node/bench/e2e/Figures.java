package io.shoal.node.bench.e2e;

import java.util.Locale;

/** The bench's arithmetic and number formats, in one place so every section computes and prints alike. */
final class Figures {

  private Figures() {}

  /** Events per second: {@code count} over {@code nanos}; 0 when no time passed. */
  static double perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : count * 1e9 / nanos;
  }

  /** {@code part / whole}, or NaN when there is no whole to compare with. */
  static double ratio(double part, double whole) {
    return whole <= 0 ? Double.NaN : part / whole;
  }

  static String fixed(double value, int decimals) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String seconds(long nanos) {
    return fixed(nanos / 1e9, 1) + " s";
  }

  static String mebibytes(long bytes) {
    return fixed(bytes / 1048576.0, 1) + " MiB";
  }

  static String percent(double share) {
    return fixed(share * 100, 1) + " %";
  }
}
