package io.shoal.node.bench.e2e;

import io.shoal.node.inference.BatchStats;
import io.shoal.node.ingest.ConsumerLag;
import io.shoal.node.ingest.IngestMetrics;
import java.util.List;
import java.util.Optional;

/**
 * End-to-end throughput. The frames are already in the topic when the node starts; the clock starts once the
 * warm-up frames are persisted (model, JIT, pens and database connections warm) and stops when every frame is
 * persisted and its offset committed (the group's lag is 0). Meanwhile the node's threads are profiled.
 */
final class PipelineRun {

  /**
   * @param frames          frames persisted inside the timed window
   * @param persistedNanos  window start until the last frame was persisted
   * @param committedNanos  window start until the group's lag was 0
   * @param batches         inference batches inside the window (sizes histogram)
   * @param ingest          the ingestion counters inside the window (deferrals, retries, in flight)
   */
  record Result(long frames, long persistedNanos, long committedNanos, BatchStats.Snapshot batches,
      IngestDelta ingest, List<CpuProfile.Row> cpu, long threadsStarted, StackSampler.Result stacks,
      long deadLettered) {

    double framesPerSecond() {
      return Figures.perSecond(frames, committedNanos);
    }

    double persistedPerSecond() {
      return Figures.perSecond(frames, persistedNanos);
    }
  }

  /** The ingestion counters' change over the window, and the most frames ever in flight. */
  record IngestDelta(long accepted, long deferred, long deliveryFailures, long retries, long restarts,
      long maxInFlight) {

    static IngestDelta between(IngestMetrics.Snapshot a, IngestMetrics.Snapshot b) {
      return new IngestDelta(b.accepted() - a.accepted(), b.deferred() - a.deferred(),
          b.deliveryFailures() - a.deliveryFailures(), b.retries() - a.retries(), b.restarts() - a.restarts(),
          b.maxInFlight());
    }
  }

  private static final long POLL_MILLIS = 10;
  private static final long LAG_POLL_MILLIS = 50;

  private PipelineRun() {}

  static Result measure(IngestMetrics ingest, BatchStats inference, ConsumerLag lag,
      Optional<ProcessHandle> database, E2eSettings settings, Progress progress) throws Exception {
    E2eSettings.Pipeline pipeline = settings.pipeline();
    long total = pipeline.warmUpFrames() + (long) pipeline.frames();
    long deadline = System.nanoTime() + pipeline.timeout().toNanos();
    progress.say("pipeline: waiting for the %d warm-up frames", pipeline.warmUpFrames());
    while (settled(ingest.snapshot()) < pipeline.warmUpFrames()) {
      pause(deadline, POLL_MILLIS, "the warm-up frames");
    }
    IngestMetrics.Snapshot ingestBefore = ingest.snapshot();
    BatchStats.Snapshot batchesBefore = inference.snapshot();
    CpuProfile.Snapshot cpuBefore = CpuProfile.snapshot(database);
    long start = System.nanoTime();
    long settledBefore = settled(ingestBefore);
    progress.say("pipeline: timing from %d settled frames to %d", settledBefore, total);
    StackSampler sampler = new StackSampler(settings.profile().sampleInterval());
    StackSampler.Result stacks;
    long persisted;
    List<CpuProfile.Row> cpu;
    long threadsStarted;
    try {
      while (settled(ingest.snapshot()) < total) {
        pause(deadline, POLL_MILLIS, "all frames persisted");
      }
      persisted = System.nanoTime() - start;
      CpuProfile.Snapshot cpuAfter = CpuProfile.snapshot(database);
      cpu = CpuProfile.between(cpuBefore, cpuAfter, Runtime.getRuntime().availableProcessors());
      threadsStarted = CpuProfile.threadsStarted(cpuBefore, cpuAfter);
    } finally {
      stacks = sampler.stop(settings.profile().topFrames());
    }
    BatchStats.Snapshot batchesAfter = inference.snapshot();
    IngestMetrics.Snapshot ingestAfter = ingest.snapshot();
    while (ConsumerLag.total(lag.perPartition().toCompletableFuture().get()) > 0) {
      pause(deadline, LAG_POLL_MILLIS, "offsets committed");
    }
    long committed = System.nanoTime() - start;
    progress.say("pipeline: %d frames persisted in %.1f s, committed in %.1f s", total - settledBefore,
        persisted / 1e9, committed / 1e9);
    return new Result(total - settledBefore, persisted, committed, minus(batchesAfter, batchesBefore),
        IngestDelta.between(ingestBefore, ingestAfter), cpu, threadsStarted, stacks, ingestAfter.deadLetteredTotal());
  }

  /** Frames whose outcome is final: persisted, or dead-lettered (there should be none). */
  private static long settled(IngestMetrics.Snapshot s) {
    return s.accepted() + s.deadLetteredTotal();
  }

  private static BatchStats.Snapshot minus(BatchStats.Snapshot b, BatchStats.Snapshot a) {
    long[] sizes = new long[b.batchSizeCounts().length];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = b.batchSizeCounts()[i] - a.batchSizeCounts()[i];
    }
    return new BatchStats.Snapshot(sizes, b.runNanos() - a.runNanos(), b.failedBatches() - a.failedBatches(),
        b.overloaded() - a.overloaded(), b.expired() - a.expired(), b.rejected() - a.rejected());
  }

  private static void pause(long deadline, long millis, String what) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("the pipeline did not reach " + what + " within the bench's timeout "
          + "(shoal.bench.e2e.pipeline.timeout)");
    }
    Thread.sleep(millis);
  }
}
