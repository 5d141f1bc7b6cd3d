package io.shoal.observability.metrics;

import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.Histogram;
import kamon.metric.MeasurementUnit;
import kamon.metric.Timer;

/**
 * Typed accessors for the instruments of {@link MetricNames}, over Kamon's registry. They work whether or not Kamon
 * was initialised ({@link MetricsRuntime}): without it values are recorded in memory and never reported, so code
 * records unconditionally. Kamon returns the same instrument for the same name and tags, so callers may keep the
 * instrument (hot paths) or look it up each time (rare events). Tag values must come from a bounded set.
 */
public final class Instruments {

  private Instruments() {}

  public static Counter counter(String name) {
    return Kamon.counter(name).withoutTags();
  }

  public static Counter counter(String name, String tag, String value) {
    return Kamon.counter(name).withTag(tag, value);
  }

  public static Gauge gauge(String name) {
    return Kamon.gauge(name).withoutTags();
  }

  public static Gauge gauge(String name, String tag, String value) {
    return Kamon.gauge(name).withTag(tag, value);
  }

  /** A gauge of a duration, updated in nanoseconds and exported in seconds. */
  public static Gauge timeGauge(String name, String tag, String value) {
    return Kamon.gauge(name, MeasurementUnit.time().nanoseconds()).withTag(tag, value);
  }

  /** A histogram of durations, recorded in nanoseconds and exported in seconds. */
  public static Timer timer(String name) {
    return Kamon.timer(name).withoutTags();
  }

  /** A histogram of plain numbers (sizes, counts). */
  public static Histogram histogram(String name) {
    return Kamon.histogram(name).withoutTags();
  }
}
