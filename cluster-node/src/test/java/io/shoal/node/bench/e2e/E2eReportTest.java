package io.shoal.node.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ReferenceConfig;
import io.shoal.node.bench.PreprocessCost;
import io.shoal.node.inference.BatchStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's figures are computed from the run's own results, and the "what limits it" part shows when due. */
class E2eReportTest {

  private static final long SECOND = 1_000_000_000L;
  private static final E2eSettings SETTINGS = E2eSettings.fromConfig(ReferenceConfig.reference(), false);

  @Test
  void ratiosAndPerPenFiguresAreComputedFromThisRun() {
    // 3000 frames in 50 s to lag 0 = 60 frames/s; the ceiling is the faster raw path, 120 frames/s.
    E2eReport report = report(3000, 50 * SECOND);
    assertThat(report.pipelineRatio()).isEqualTo(0.5);
    assertThat(report.idlePens().bytesPerPen()).isEqualTo(2048.0);
    List<String> lines = report.lines();
    assertThat(lines).contains("| **pipeline / ceiling** | **0.50** |", "| **ceiling** (the faster of the two) | **120.0** |",
        "| heap per idle pen (10000 pens) | 2048 bytes |");
    assertThat(lines.get(0)).isEqualTo("# Shoal benchmarks");
    assertThat(String.join("\n", lines)).contains("./shoal bench --pens 20")
        .contains("## 6. Memory per idle pen");
  }

  @Test
  void belowTheTargetTheReportSaysWhatLimitsThePipelineWithItsEvidence() {
    String text = String.join("\n", report(3000, 50 * SECOND).lines());
    assertThat(text).contains("### What limits it")
        .contains("below the target of 0.80")
        .contains("mean size 2.00 of max-batch-size 16")
        .contains("12 frames deferred by pens")
        .contains("6000 Java threads were started in the window (2.00 per frame)")
        .contains("the embedded PostgreSQL used 3.00 ms of CPU per frame");
  }

  @Test
  void atOrAboveTheTargetThereIsNothingToExplain() {
    // 3000 frames in 30 s = 100 frames/s = 0.83 of 120.
    String text = String.join("\n", report(3000, 30 * SECOND).lines());
    assertThat(text).doesNotContain("What limits it").contains("| **pipeline / ceiling** | **0.83** |");
  }

  private static E2eReport report(long frames, long committedNanos) {
    Machine machine = new Machine(2, "Test VM 17", List.of("-Xss8m"), 4L << 30, "Linux 6 amd64",
        Instant.parse("2026-11-26T12:00:00Z"), "abc123", "1.29.0", 0.5);
    CeilingRun.Result ceiling = new CeilingRun.Result(16, 1, 2, 1, "cpu", 512, 3, 240, 900, 100, 120, 9.5,
        new PreprocessCost(4, 3.8, 9, 128), 20 * SECOND);
    long[] sizes = new long[17];
    sizes[2] = frames / 2;
    BatchStats.Snapshot batches = new BatchStats.Snapshot(sizes, 10 * SECOND, 0, 0, 0, 0);
    PipelineRun.Result pipeline = new PipelineRun.Result(frames, committedNanos - SECOND, committedNanos, batches,
        new PipelineRun.IngestDelta(frames, 12, 0, 12, 0, 32),
        List.of(new CpuProfile.Row("shoal-shoal.inference.preprocess-dispatcher-N", 40 * SECOND, 0.4),
            new CpuProfile.Row(CpuProfile.DATABASE, 9 * SECOND, 0.09),
            new CpuProfile.Row(CpuProfile.OTHER_PROCESSES, 20 * SECOND, 0.2)), 6000,
        new StackSampler.Result(100, 5 * SECOND, Map.of(), List.of(Map.entry("main: a.B.c", 3))), 0);
    FrameProducer.Sent sent = new FrameProducer.Sent(900, 30 * SECOND);
    List<LatencyRun.Result> latency = List.of(
        new LatencyRun.Result(0.5, 30, sent, 900, new LatencySummary(900, 50, 80, 120, 200), Duration.ofSeconds(30)));
    HttpLoad.Result http = new HttpLoad.Result(16, 10_000, 0, 20 * SECOND, new LatencySummary(10_000, 5, 9, 20, 40));
    SseFanOut.Result sse = new SseFanOut.Result(1000, 20, 300, 15_000, 15_000, 3 * SECOND, sent,
        new LatencySummary(15_000, 3, 8, 15, 30));
    IdlePenMemory.Result idle = new IdlePenMemory.Result(10_000, 100L << 20, (100L << 20) + 10_000 * 2048L,
        40 * SECOND);
    return new E2eReport(machine, "./shoal bench --pens 20", SETTINGS,
        List.of(Map.entry(E2eBenchmark.IN_FLIGHT_PER_PARTITION, "8")), ceiling, pipeline, latency, http, sse, idle,
        300 * SECOND);
  }
}
