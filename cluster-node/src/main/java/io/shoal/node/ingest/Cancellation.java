package io.shoal.node.ingest;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Set once, never cleared: the stream generation that started a {@link FrameDelivery} has ended, so nobody waits for
 * the delivery any more. {@link FrameIngestion} gives each run of the consumer stream its own (a {@code RestartSource}
 * may start several) and cancels it when that run terminates; a delivery then stops retrying, since the next run
 * delivers the same record again from the last committed offset.
 */
final class Cancellation {

  private final AtomicBoolean cancelled = new AtomicBoolean();

  void cancel() {
    cancelled.set(true);
  }

  boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public String toString() {
    return isCancelled() ? "cancelled" : "running";
  }
}
