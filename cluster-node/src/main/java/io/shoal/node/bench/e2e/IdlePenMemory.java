package io.shoal.node.bench.e2e;

import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Heap per idle pen: used heap after full collections, before and after {@code count} new pens are started through
 * sharding (each asked for its health once, which starts the entity: recovery, its event topic, its camera timer,
 * and the shard's remember-entities entry) and then left alone.
 */
final class IdlePenMemory {

  record Result(int pens, long heapBefore, long heapAfter, long startNanos) {
    double bytesPerPen() {
      return (double) (heapAfter - heapBefore) / pens;
    }
  }

  /** Full collections per measurement; the smallest reading is kept (a straggler allocation only adds). */
  private static final int GC_ROUNDS = 3;
  private static final long GC_PAUSE_MILLIS = 300;
  /** Before measuring, and after the last pen answered (the shards' remember-entities writes): time to settle. */
  private static final Duration SETTLE = Duration.ofSeconds(3);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

  private IdlePenMemory() {}

  static Result measure(ActorSystem<?> system, E2eSettings.IdlePens settings, Progress progress) throws Exception {
    // The section before may still be persisting its last frames and committing their offsets.
    Thread.sleep(SETTLE.toMillis());
    long before = heapAfterGc();
    progress.say("idle pens: heap %.1f MiB after GC; starting %d pens, %d at a time", before / 1048576.0,
        settings.count(), settings.parallelism());
    ClusterSharding sharding = ClusterSharding.get(system);
    Semaphore slots = new Semaphore(settings.parallelism());
    AtomicInteger answered = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long deadline = start + settings.timeout().toNanos();
    for (int i = 0; i < settings.count() && failure.get() == null; i++) {
      if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("idle pens: only " + answered.get() + " of " + settings.count()
            + " started within " + settings.timeout());
      }
      sharding.entityRefFor(PenProtocol.ENTITY_TYPE_KEY, "idle-pen-" + (i + 1))
          .<PenHealth>ask(GetHealth::new, ASK_TIMEOUT)
          .whenComplete((health, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            } else {
              answered.incrementAndGet();
            }
            slots.release();
          });
    }
    if (!slots.tryAcquire(settings.parallelism(), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("idle pens: only " + answered.get() + " of " + settings.count()
          + " started within " + settings.timeout());
    }
    if (failure.get() != null) {
      throw new IllegalStateException("idle pens: a pen did not answer", failure.get());
    }
    long took = System.nanoTime() - start;
    Thread.sleep(SETTLE.toMillis());
    long after = heapAfterGc();
    progress.say("idle pens: %d started in %.1f s; heap %.1f MiB after GC", answered.get(), took / 1e9,
        after / 1048576.0);
    return new Result(settings.count(), before, after, took);
  }

  static long heapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < GC_ROUNDS; i++) {
      System.gc();
      Thread.sleep(GC_PAUSE_MILLIS);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}
