package io.shoal.node.inference;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on its own thread, but holds every task until {@link #open()}: lets a test keep a batch "running"
 * for as long as it needs, and know when a batch was submitted, without sleeping.
 */
final class GatedExecutor implements java.util.concurrent.Executor, AutoCloseable {

  private final CountDownLatch gate = new CountDownLatch(1);
  private final Semaphore submitted = new Semaphore(0);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @Override
  public void execute(Runnable task) {
    submitted.release();
    threads.execute(() -> {
      try {
        gate.await();
        task.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Waits until {@code count} more tasks were submitted. */
  void awaitSubmitted(int count, Duration timeout) throws InterruptedException {
    if (!submitted.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("expected " + count + " task(s) submitted within " + timeout);
    }
  }

  void open() {
    gate.countDown();
  }

  @Override
  public void close() {
    open();
    threads.shutdown();
  }
}
