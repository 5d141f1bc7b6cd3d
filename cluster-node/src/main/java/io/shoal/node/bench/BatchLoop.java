package io.shoal.node.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs batches {@code 0..batches-1} on a fixed set of model threads, each taking the next index: the raw
 * counterpart of the actor pool's workers, which likewise run one batch at a time each.
 */
final class BatchLoop {

  /** One batch; {@code worker} identifies the calling thread's own buffers. */
  interface Batch {
    void run(int index, int worker) throws Exception;
  }

  /** One model thread's whole loop; {@code claim} gives the next batch index to run, or -1 when none is left. */
  interface Worker {
    void run(int worker, IntSupplier claim) throws Exception;
  }

  private BatchLoop() {}

  /** Runs {@code batches} batches of {@code batchSize}, timed from the first started to the last finished. */
  static Timed run(ExecutorService modelThreads, int workers, int batches, int batchSize, Batch batch)
      throws InterruptedException {
    return runWorkers(modelThreads, workers, batches, batchSize, (worker, claim) -> {
      for (int i = claim.getAsInt(); i >= 0; i = claim.getAsInt()) {
        batch.run(i, worker);
      }
    });
  }

  /** As {@link #run}, for loops that need to see their next batch before finishing the current one. */
  static Timed runWorkers(ExecutorService modelThreads, int workers, int batches, int batchSize, Worker loop)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    IntSupplier claim = () -> {
      int i = next.getAndIncrement();
      return i < batches ? i : -1;
    };
    List<Future<?>> loops = new ArrayList<>(workers);
    long cpu = Timed.processCpuNanos();
    long start = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      loops.add(modelThreads.submit(() -> {
        loop.run(worker, claim);
        return null;
      }));
    }
    Await.all(loops, "a benchmark batch");
    long wall = System.nanoTime() - start;
    return new Timed((long) batches * batchSize, wall, Timed.processCpuNanos() - cpu);
  }

  /** Whole batches covering {@code images}, at least one. */
  static int batchesFor(int images, int batchSize) {
    return Math.max(1, images / batchSize);
  }
}
