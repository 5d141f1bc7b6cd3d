package io.shoal.node.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on the benchmark's own futures: a failure or a hang becomes an IllegalStateException naming the step. */
final class Await {

  private Await() {}

  /** Waits for every future; the first failure is rethrown with its cause. */
  static void all(List<? extends Future<?>> futures, String what) throws InterruptedException {
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed", e.getCause());
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

  /** As {@link #within}, for {@code close()}: unchecked; an interrupt ends the wait and stays set on the thread. */
  static <T> T closing(Future<T> future, Duration timeout, String what) {
    try {
      return within(future, timeout, what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    }
  }
}
