package io.shoal.node.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The arithmetic every section shares: rates, ratios, percentiles, tables, thread groups. */
class FiguresTest {

  @Test
  void ratesAreCountsOverNanosAndRatiosGuardAgainstNothing() {
    assertThat(Figures.perSecond(300, 2_000_000_000L)).isEqualTo(150.0);
    assertThat(Figures.perSecond(5, 0)).isZero();
    assertThat(Figures.ratio(60, 80)).isEqualTo(0.75);
    assertThat(Figures.ratio(1, 0)).isNaN();
    assertThat(Figures.fixed(Double.NaN, 1)).isEqualTo("n/a");
    assertThat(Figures.fixed(0.755, 2)).isEqualTo("0.76");
    assertThat(Figures.percent(0.5)).isEqualTo("50.0 %");
  }

  @Test
  void latencyPercentilesComeFromTheHistogramInMilliseconds() {
    Histogram micros = new Histogram(3);
    for (int ms = 1; ms <= 100; ms++) {
      micros.recordValue(ms * 1000L);
    }
    LatencySummary s = LatencySummary.ofMicros(micros);
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50Ms()).isCloseTo(50, within(0.1));
    assertThat(s.p95Ms()).isCloseTo(95, within(0.1));
    assertThat(s.p99Ms()).isCloseTo(99, within(0.1));
    assertThat(s.maxMs()).isCloseTo(100, within(0.1));
    assertThat(LatencySummary.ofMicros(new Histogram(3))).isEqualTo(LatencySummary.EMPTY);
  }

  @Test
  void markdownTablesRightAlignFiguresAndEscapePipes() {
    assertThat(new MarkdownTable("route", "req/s").row("GET /a|b", 12).lines()).containsExactly(
        "| route | req/s |",
        "| --- | ---: |",
        "| GET /a\\|b | 12 |");
  }

  @Test
  void threadsGroupByTheirNameWithoutNumbers() {
    assertThat(CpuProfile.group("shoal-pekko.actor.default-dispatcher-17"))
        .isEqualTo("shoal-pekko.actor.default-dispatcher-N")
        .isEqualTo(CpuProfile.group("shoal-pekko.actor.default-dispatcher-3"));
    assertThat(CpuProfile.group("kafka-producer-network-thread | producer-2"))
        .isEqualTo("kafka-producer-network-thread | producer-N");
  }

  @Test
  void theJvmsOwnThreadsAreToldApartByTheirOsNames() {
    assertThat(CpuProfile.internalGroup("C2 CompilerThre")).isEqualTo(CpuProfile.JIT);
    assertThat(CpuProfile.internalGroup("GC Thread#1")).isEqualTo(CpuProfile.GC);
    assertThat(CpuProfile.internalGroup("G1 Refine#0")).isEqualTo(CpuProfile.GC);
    assertThat(CpuProfile.internalGroup("VM Thread")).isEqualTo(CpuProfile.VM);
    assertThat(CpuProfile.internalGroup("shoal-pekko.act")).isNull();
  }
}
