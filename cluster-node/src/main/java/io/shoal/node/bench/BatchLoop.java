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
public final class BatchLoop {

  /** One batch; {@code worker} identifies the calling thread's own buffers. Returns the images classified. */
  public interface Batch {
    int run(int index, int worker) throws Exception;
  }

  /**
   * One model thread's whole loop; {@code claim} gives the next batch index to run, or -1 when none is left.
   * Returns the images this thread classified.
   */
  interface Worker {
    long run(int worker, IntSupplier claim) throws Exception;
  }

  private BatchLoop() {}

  /** Runs {@code batches} batches, timed from the first started to the last finished. */
  public static Timed run(ExecutorService modelThreads, int workers, int batches, Batch batch)
      throws InterruptedException {
    return runWorkers(modelThreads, workers, batches, (worker, claim) -> {
      long classified = 0;
      for (int i = claim.getAsInt(); i >= 0; i = claim.getAsInt()) {
        classified += batch.run(i, worker);
      }
      return classified;
    });
  }

  /** As {@link #run}, for loops that need to see their next batch before finishing the current one. */
  static Timed runWorkers(ExecutorService modelThreads, int workers, int batches, Worker loop)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    IntSupplier claim = () -> {
      int i = next.getAndIncrement();
      return i < batches ? i : -1;
    };
    List<Future<Long>> loops = new ArrayList<>(workers);
    long cpu = Timed.processCpuNanos();
    long start = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      loops.add(modelThreads.submit(() -> loop.run(worker, claim)));
    }
    long classified = Await.all(loops, Await.PASS_TIMEOUT, "a raw benchmark pass").stream()
        .mapToLong(Long::longValue).sum();
    long wall = System.nanoTime() - start;
    return new Timed(classified, wall, Timed.processCpuNanos() - cpu);
  }

  /** Whole batches covering {@code images}, at least one. */
  public static int batchesFor(int images, int batchSize) {
    return Math.max(1, images / batchSize);
  }

  /** The images a pass over about {@code images} frames in batches of {@code batchSize} classifies. */
  public static long planned(int images, int batchSize) {
    return (long) batchesFor(images, batchSize) * batchSize;
  }
}
