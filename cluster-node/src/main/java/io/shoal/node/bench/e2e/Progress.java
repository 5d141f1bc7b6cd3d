package io.shoal.node.bench.e2e;

import java.io.PrintStream;
import java.util.Locale;

/** Where the bench says what it is doing (stderr), with the seconds since it started. */
final class Progress {

  private final PrintStream out;
  private final long started = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
  }

  void say(String format, Object... args) {
    out.printf(Locale.ROOT, "bench [%5.1f s] " + format + "%n", prepend((System.nanoTime() - started) / 1e9, args));
  }

  long elapsedNanos() {
    return System.nanoTime() - started;
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
