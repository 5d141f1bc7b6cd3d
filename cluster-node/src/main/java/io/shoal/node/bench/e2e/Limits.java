package io.shoal.node.bench.e2e;

import static io.shoal.node.bench.e2e.Figures.fixed;
import static io.shoal.node.bench.e2e.Figures.percent;

import io.shoal.node.inference.BatchStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * When the pipeline falls short of the target share of the ceiling, the evidence of this run on what held it back:
 * how busy the cores were and with what, whether the model was starved or ran small batches, and whether
 * backpressure (deferrals, Overloaded, the in-flight caps) kicked in. Figures only; the reader draws the verdict.
 */
final class Limits {

  /** Shares of the cores' time above this count as saturated. */
  static final double SATURATED = 0.9;
  private static final int TOP_GROUPS = 6;
  /** A share of the cores above which a side cost (the JIT) is worth a line. */
  private static final double NOTABLE_SHARE = 0.05;
  /** Threads started per frame above which thread churn is worth a line. */
  private static final double CHURN_PER_FRAME = 0.1;

  private Limits() {}

  static List<String> explain(E2eReport report) {
    double ratio = report.pipelineRatio();
    double target = report.settings().pipeline().targetRatio();
    if (!(ratio < target)) {
      return List.of();
    }
    PipelineRun.Result p = report.pipeline();
    CeilingRun.Result c = report.ceiling();
    BatchStats.Snapshot b = p.batches();
    List<String> lines = new ArrayList<>();
    lines.add("The pipeline reached " + fixed(ratio, 2) + " of the ceiling, below the target of " + fixed(target, 2)
        + ". Evidence from this run:");
    lines.add("");

    lines.add("- **What bounds the ceiling**: decoding alone ran " + fixed(c.decodeFps(), 1) + " frames/s on "
        + c.preprocessThreads() + " thread(s), inference alone " + fixed(c.inferFps(), 1) + " frames/s on "
        + c.workers() + ": the ceiling is bound by " + (c.decodeFps() < c.inferFps() ? "decoding" : "inference")
        + ", and the pipeline needs the same work plus everything around it.");

    double busy = 0;
    double other = 0;
    List<String> top = new ArrayList<>();
    for (CpuProfile.Row row : p.cpu()) {
      busy += row.share();
      if (row.group().equals(CpuProfile.OTHER_PROCESSES)) {
        other = row.share();
      } else if (top.size() < TOP_GROUPS) {
        top.add(row.group() + " " + percent(row.share()));
      }
    }
    lines.add("- **CPU**: the " + report.machine().cores() + " cores were busy " + percent(busy) + " of the window"
        + (busy >= SATURATED ? " (saturated)" : "") + "; this bench's own processes " + percent(busy - other)
        + ", other processes " + percent(other) + ". Largest groups: " + String.join(", ", top) + ". The ceiling "
        + "had the cores to itself; here the same cores also run Kafka, PostgreSQL, the actors and the journal.");

    lines.add("- **CPU per frame**: this bench's processes used " + fixed(report.ownCpuMsPerFrame(), 2)
        + " ms of CPU per frame in the pipeline against " + fixed(c.cpuMsPerFrame(), 2) + " ms in the ceiling"
        + (busy >= SATURATED ? "; on saturated cores throughput falls by about that factor ("
            + fixed(Figures.ratio(c.cpuMsPerFrame(), report.ownCpuMsPerFrame()), 2) + "), the rest being the "
            + "share other processes took" : "") + ". The table above says where the extra CPU went.");

    for (CpuProfile.Row row : p.cpu()) {
      double perFrame = row.cpuNanos() / 1e6 / p.frames();
      if (row.group().equals(CpuProfile.DATABASE)) {
        lines.add("- **Database on the same cores**: the embedded PostgreSQL used " + fixed(perFrame, 2)
            + " ms of CPU per frame (journal events, snapshots, read-model rows, projection offsets), "
            + percent(row.share()) + " of the cores.");
      } else if (row.group().equals(CpuProfile.JIT) && row.share() >= NOTABLE_SHARE) {
        lines.add("- **JIT still compiling**: the compiler threads used " + fixed(perFrame, 2) + " ms of CPU per "
            + "frame (" + percent(row.share()) + " of the cores); a node that has run for a while no longer pays "
            + "this (a longer shoal.bench.e2e.pipeline.warm-up-frames shrinks it here).");
      }
    }

    double modelBusy = Figures.ratio(b.runNanos(), (double) p.persistedNanos() * c.workers());
    lines.add("- **Model**: it ran " + percent(modelBusy) + " of the window per worker, "
        + fixed(Figures.ratio(b.runNanos() / 1e6, b.images()), 2) + " ms per image (alone at batch "
        + c.batchSize() + ": " + fixed(Figures.ratio(1000.0 * c.workers(), c.inferFps()), 2) + " ms).");

    double churn = Figures.ratio(p.threadsStarted(), p.frames());
    if (churn >= CHURN_PER_FRAME) {
      lines.add("- **Thread churn**: " + p.threadsStarted() + " Java threads were started in the window ("
          + fixed(churn, 2) + " per frame); a thread started per task costs its creation and exit, and its CPU "
          + "shows above as \"" + CpuProfile.JVM_OTHER + "\". With " + Runtime.getRuntime().availableProcessors()
          + " cores the common ForkJoinPool has parallelism " + ForkJoinPool.getCommonPoolParallelism()
          + (ForkJoinPool.getCommonPoolParallelism() < 2 ? ", so CompletableFuture runs every *Async stage without an executor on a new thread; "
          + "futures converted from Scala (FutureConverters.asJava, e.g. Pekko's ask and pipeToSelf) turn even "
          + "plain whenComplete/handle/thenApply into such stages" : "")
          + ".");
    }

    double mean = E2eReport.meanBatch(b);
    lines.add("- **Batches**: mean size " + fixed(mean, 2) + " of max-batch-size " + c.batchSize()
        + (mean < c.batchSize() * SATURATED ? " (partial batches: the max-batch-delay flushed them before they "
            + "filled, or fewer frames were in flight than a batch)" : " (full)") + ".");

    long cap = report.nodeSettings().stream()
        .filter(e -> e.getKey().equals(E2eBenchmark.IN_FLIGHT_PER_PARTITION)).mapToLong(e -> Long.parseLong(
            e.getValue())).findFirst().orElse(-1) * report.settings().partitions();
    lines.add("- **Backpressure**: " + p.ingest().deferred() + " frames deferred by pens, " + b.overloaded()
        + " Overloaded and " + b.expired() + " Expired answers from inference; at most " + p.ingest().maxInFlight()
        + " frames in flight to pens" + (cap > 0 ? " (cap: " + report.settings().partitions()
        + " partitions x in-flight-per-partition = " + cap + ")" : "") + ".");
    return lines;
  }
}
