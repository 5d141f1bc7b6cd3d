package io.shoal.node.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on the benchmark's own futures: a failure or a hang becomes an IllegalStateException naming the step. */
final class Await {

  /** Longest one pass over all frames may take, on any path (normally seconds): turns a hang into an error. */
  static final Duration PASS_TIMEOUT = Duration.ofMinutes(5);

  private Await() {}

  /**
   * The values of all {@code futures}, or an exception once {@code timeout} has passed without them all; the first
   * failure is rethrown with its cause. On failure or timeout the futures not yet done are cancelled.
   */
  static <T> List<T> all(List<? extends Future<T>> futures, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<T> values = new ArrayList<>(futures.size());
    boolean done = false;
    try {
      for (Future<T> f : futures) {
        values.add(f.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
      }
      done = true;
      return values;
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not finish within " + timeout, e);
    } finally {
      if (!done) {
        futures.forEach(f -> f.cancel(true));
      }
    }
  }

  /** The future's value, or an exception once {@code timeout} has passed without one. */
  static <T> T within(Future<T> future, Duration timeout, String what) throws InterruptedException {
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not finish within " + timeout, e);
    }
  }
}
