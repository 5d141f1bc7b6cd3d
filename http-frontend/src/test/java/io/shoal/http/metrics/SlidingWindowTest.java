package io.shoal.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The window on a hand-driven clock: what falls out of it, and how throughput is counted while it fills. */
class SlidingWindowTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final RequestMetrics metrics = new RequestMetrics(
      new MetricsSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60)), now::get);

  @Test
  void percentiles_come_from_the_recorded_latencies() {
    for (int ms = 1; ms <= 100; ms++) {
      metrics.record(ms * MILLI, 200);
    }
    now.addAndGet(2 * SECOND);
    PerformanceReport r = metrics.report();
    assertThat(r.requests()).isEqualTo(100);
    // 2 significant digits: within 1% of the exact order statistics.
    assertThat(r.latencyMs().p50()).isCloseTo(50, within(1.0));
    assertThat(r.latencyMs().p95()).isCloseTo(95, within(1.0));
    assertThat(r.latencyMs().p99()).isCloseTo(99, within(1.0));
    assertThat(r.latencyMs().max()).isCloseTo(100, within(1.0));
    assertThat(r.latencyMs().mean()).isCloseTo(50.5, within(1.0));
    assertThat(r.throughputPerSecond()).isCloseTo(50, within(0.1));
    assertThat(r.uptimeSeconds()).isEqualTo(2);
  }

  @Test
  void errors_are_split_into_server_and_client_errors() {
    metrics.record(MILLI, 200);
    metrics.record(MILLI, 404);
    metrics.record(MILLI, 429);
    metrics.record(MILLI, 503);
    now.addAndGet(SECOND);
    PerformanceReport r = metrics.report();
    assertThat(r.errorRate()).isEqualTo(0.25);
    assertThat(r.serverErrors()).isEqualTo(1);
    assertThat(r.clientErrorRate()).isEqualTo(0.5);
    assertThat(r.clientErrors()).isEqualTo(2);
  }

  @Test
  void requests_older_than_the_window_drop_out() {
    metrics.record(500 * MILLI, 500);
    now.addAndGet(5 * SECOND);
    metrics.record(MILLI, 200);
    assertThat(metrics.report().requests()).isEqualTo(2);
    now.addAndGet(6 * SECOND); // the first request is 11 s old, the second 6 s
    PerformanceReport r = metrics.report();
    assertThat(r.requests()).isEqualTo(1);
    assertThat(r.errorRate()).isZero();
    assertThat(r.latencyMs().max()).isLessThan(2);
    // At an interval boundary the window is the 9 whole intervals before the current, empty one: 1 request in 9 s.
    assertThat(r.throughputPerSecond()).isCloseTo(1.0 / 9, within(0.001));
    now.addAndGet(20 * SECOND);
    PerformanceReport empty = metrics.report();
    assertThat(empty.requests()).isZero();
    assertThat(empty.latencyMs().p99()).isZero();
    assertThat(empty.windowSeconds()).isEqualTo(10);
  }

  @Test
  void latencies_beyond_the_range_are_clamped_not_lost() {
    metrics.record(TimeUnit.MINUTES.toNanos(5), 200);
    PerformanceReport r = metrics.report();
    assertThat(r.requests()).isEqualTo(1);
    assertThat(r.latencyMs().max()).isCloseTo(60_000, within(600.0));
  }
}
