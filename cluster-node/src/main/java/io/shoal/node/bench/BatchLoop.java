package io.shoal.node.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs batches {@code 0..batches-1} on a fixed set of model threads, each taking the next index: the raw
 * counterpart of the actor pool's workers, which likewise run one batch at a time each.
 */
final class BatchLoop {

  /** One batch; {@code worker} identifies the calling thread's own buffers. */
  interface Batch {
    void run(int index, int worker) throws Exception;
  }

  private BatchLoop() {}

  /** Runs {@code batches} batches of {@code batchSize}, timed from the first started to the last finished. */
  static Timed run(ExecutorService modelThreads, int workers, int batches, int batchSize, Batch batch)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> loops = new ArrayList<>(workers);
    long cpu = Timed.processCpuNanos();
    long start = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      loops.add(modelThreads.submit(() -> {
        for (int i = next.getAndIncrement(); i < batches; i = next.getAndIncrement()) {
          batch.run(i, worker);
        }
        return null;
      }));
    }
    try {
      for (Future<?> loop : loops) {
        loop.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a benchmark batch failed", e.getCause());
    }
    long wall = System.nanoTime() - start;
    return new Timed((long) batches * batchSize, wall, Timed.processCpuNanos() - cpu);
  }

  /** Whole batches covering {@code images}, at least one. */
  static int batchesFor(int images, int batchSize) {
    return Math.max(1, images / batchSize);
  }
}
