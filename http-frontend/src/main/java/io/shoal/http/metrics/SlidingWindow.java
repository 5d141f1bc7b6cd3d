package io.shoal.http.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Request latencies and outcomes over a sliding window, as a ring of per-interval HdrHistograms: recording goes to
 * the current interval's slot (a slot from one full window ago is cleared and reused), and a report merges the
 * slots still inside the window. Percentiles come from HdrHistogram, not from our own arithmetic.
 *
 * <p>Memory is fixed: {@code steps + 1} histograms of a fixed range. Methods are synchronized; recording is a
 * counter increment (nanoseconds) and a report merges a few dozen small arrays, both far below a request's cost.
 */
final class SlidingWindow {

  /** 2 significant digits: percentiles within 1%, histograms of ~20 KB instead of ~150 KB at 3 digits. */
  private static final int SIGNIFICANT_DIGITS = 2;
  private static final long NANOS_PER_MICRO = 1_000L;
  private static final double MICROS_PER_MILLI = 1_000.0;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double P50 = 50;
  private static final double P95 = 95;
  private static final double P99 = 99;

  private final long intervalNanos;
  private final long maxMicros;
  private final Slot[] slots;
  private final Histogram merged;
  private final LongSupplier clock;
  private final long startNanos;

  SlidingWindow(MetricsSettings settings, LongSupplier nanoClock) {
    this.intervalNanos = settings.interval().toNanos();
    this.maxMicros = TimeUnit.NANOSECONDS.toMicros(settings.maxLatency().toNanos());
    this.clock = nanoClock;
    this.slots = new Slot[settings.steps()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot(new Histogram(maxMicros, SIGNIFICANT_DIGITS));
    }
    this.merged = new Histogram(maxMicros, SIGNIFICANT_DIGITS);
    this.startNanos = nanoClock.getAsLong();
  }

  synchronized void record(long latencyNanos, int status) {
    Slot slot = current();
    long micros = Math.max(1, Math.min(maxMicros, latencyNanos / NANOS_PER_MICRO));
    slot.histogram.recordValue(micros);
    if (status >= 500) {
      slot.serverErrors++;
    } else if (status >= 400) {
      slot.clientErrors++;
    }
  }

  synchronized PerformanceReport report(long windowSeconds) {
    long now = clock.getAsLong();
    long epoch = epoch(now);
    merged.reset();
    long serverErrors = 0;
    long clientErrors = 0;
    for (Slot slot : slots) {
      if (slot.epoch > epoch - slots.length && slot.epoch <= epoch) {
        merged.add(slot.histogram);
        serverErrors += slot.serverErrors;
        clientErrors += slot.clientErrors;
      }
    }
    long requests = merged.getTotalCount();
    // The window covers the full slots behind the current one plus the elapsed part of the current one, and never
    // more than the time since start: a server up for 3 s has not been idle for the other 57.
    long covered = Math.min((slots.length - 1) * intervalNanos + (now - startNanos - epoch * intervalNanos),
        now - startNanos);
    double seconds = Math.max(covered, 1) / NANOS_PER_SECOND;
    PerformanceReport.LatencyMs latency = requests == 0
        ? new PerformanceReport.LatencyMs(0, 0, 0, 0, 0)
        : new PerformanceReport.LatencyMs(merged.getMean() / MICROS_PER_MILLI, ms(merged.getValueAtPercentile(P50)),
            ms(merged.getValueAtPercentile(P95)), ms(merged.getValueAtPercentile(P99)), ms(merged.getMaxValue()));
    return new PerformanceReport(windowSeconds, requests, requests / seconds, rate(serverErrors, requests),
        serverErrors, rate(clientErrors, requests), clientErrors, latency,
        TimeUnit.NANOSECONDS.toSeconds(now - startNanos));
  }

  /** The slot for now, cleared first if it still holds an older interval. */
  private Slot current() {
    long epoch = epoch(clock.getAsLong());
    Slot slot = slots[(int) Math.floorMod(epoch, (long) slots.length)];
    if (slot.epoch != epoch) {
      slot.histogram.reset();
      slot.serverErrors = 0;
      slot.clientErrors = 0;
      slot.epoch = epoch;
    }
    return slot;
  }

  private long epoch(long nanos) {
    return Math.floorDiv(nanos - startNanos, intervalNanos);
  }

  private static double ms(long micros) {
    return micros / MICROS_PER_MILLI;
  }

  private static double rate(long count, long total) {
    return total == 0 ? 0 : (double) count / total;
  }

  /** One interval's histogram and error counts. */
  private static final class Slot {
    final Histogram histogram;
    long epoch = Long.MIN_VALUE;
    long serverErrors;
    long clientErrors;

    Slot(Histogram histogram) {
      this.histogram = histogram;
    }
  }
}
