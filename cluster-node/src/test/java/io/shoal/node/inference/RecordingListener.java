package io.shoal.node.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Remembers every batch a worker completed or failed, in order, plus the rejection counts, each request's queue time and the queue depth. */
final class RecordingListener implements InferenceListener {

  final List<Integer> completedBatchSizes = new CopyOnWriteArrayList<>();
  final List<Integer> failedBatchSizes = new CopyOnWriteArrayList<>();
  final AtomicInteger overloaded = new AtomicInteger();
  final AtomicInteger expired = new AtomicInteger();
  final AtomicInteger rejected = new AtomicInteger();
  final List<Long> preprocessedNanos = new CopyOnWriteArrayList<>();
  final List<Long> queuedNanos = new CopyOnWriteArrayList<>();
  final AtomicInteger queueDepth = new AtomicInteger();

  @Override
  public void batchCompleted(int size, long runNanos) {
    completedBatchSizes.add(size);
  }

  @Override
  public void batchFailed(int size, Throwable cause) {
    failedBatchSizes.add(size);
  }

  @Override
  public void overloaded() {
    overloaded.incrementAndGet();
  }

  @Override
  public void expired() {
    expired.incrementAndGet();
  }

  @Override
  public void rejected(Throwable cause) {
    rejected.incrementAndGet();
  }

  @Override
  public void queued(long queueNanos) {
    queuedNanos.add(queueNanos);
  }

  @Override
  public void preprocessed(long preprocessNanos) {
    preprocessedNanos.add(preprocessNanos);
  }

  @Override
  public void queueDepthChanged(int delta) {
    queueDepth.addAndGet(delta);
  }

  List<Integer> completed() {
    return new ArrayList<>(completedBatchSizes);
  }
}
