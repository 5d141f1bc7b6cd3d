package io.shoal.node.inference;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** A lock-free {@link InferenceListener} that counts outcomes and keeps a batch-size histogram. */
public final class BatchStats implements InferenceListener {

  private final AtomicLongArray batchSizes;
  private final LongAdder runNanos = new LongAdder();
  private final LongAdder failedBatches = new LongAdder();
  private final LongAdder overloaded = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  /** @param maxBatchSize the largest batch to expect (the workers' max-batch-size) */
  public BatchStats(int maxBatchSize) {
    this.batchSizes = new AtomicLongArray(maxBatchSize + 1);
  }

  @Override
  public void batchCompleted(int size, long nanos) {
    batchSizes.incrementAndGet(Math.min(size, batchSizes.length() - 1));
    runNanos.add(nanos);
  }

  @Override
  public void batchFailed(int size, Throwable cause) {
    failedBatches.increment();
  }

  @Override
  public void overloaded() {
    overloaded.increment();
  }

  @Override
  public void expired() {
    expired.increment();
  }

  @Override
  public void rejected(Throwable cause) {
    rejected.increment();
  }

  public Snapshot snapshot() {
    long[] histogram = new long[batchSizes.length()];
    for (int i = 0; i < histogram.length; i++) {
      histogram[i] = batchSizes.get(i);
    }
    return new Snapshot(histogram, runNanos.sum(), failedBatches.sum(), overloaded.sum(), expired.sum(),
        rejected.sum());
  }

  /**
   * @param batchSizeCounts index = batch size, value = how many completed batches had that size
   * @param runNanos        model time summed over completed batches
   */
  public record Snapshot(long[] batchSizeCounts, long runNanos, long failedBatches, long overloaded, long expired,
      long rejected) {

    public long batches() {
      long n = 0;
      for (long c : batchSizeCounts) n += c;
      return n;
    }

    /** Images computed in completed batches. */
    public long images() {
      long n = 0;
      for (int size = 0; size < batchSizeCounts.length; size++) n += size * batchSizeCounts[size];
      return n;
    }
  }
}
