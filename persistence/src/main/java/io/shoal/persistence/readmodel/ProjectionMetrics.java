package io.shoal.persistence.readmodel;

import io.shoal.observability.metrics.Instruments;
import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import java.time.Clock;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * What one projection (all its tag instances on this node) handles: events counted
 * ({@value MetricNames#PROJECTION_EVENTS}) and the projection lag ({@value MetricNames#PROJECTION_LAG}), the age of
 * the last handled event when it was handled: now minus the time the journal stored it. Tagged with the projection's
 * name ({@link MetricTags#PROJECTION}).
 */
public final class ProjectionMetrics {

  private final Counter events;
  private final Gauge lag;
  private final Clock clock;

  ProjectionMetrics(String projection, Clock clock) {
    this.events = Instruments.counter(MetricNames.PROJECTION_EVENTS, MetricTags.PROJECTION, projection);
    this.lag = Instruments.timeGauge(MetricNames.PROJECTION_LAG, MetricTags.PROJECTION, projection);
    this.clock = clock;
  }

  public static ProjectionMetrics of(String projection) {
    return new ProjectionMetrics(projection, Clock.systemUTC());
  }

  /** {@code envelope}'s event was handled now. */
  public void handled(EventEnvelope<?> envelope) {
    events.increment();
    lag.update(lagNanos(envelope.timestamp(), clock.millis()));
  }

  /** Now minus the journal's timestamp, in nanoseconds; zero when clocks disagree and the event looks future. */
  static long lagNanos(long journaledAtMillis, long nowMillis) {
    return Math.max(0, nowMillis - journaledAtMillis) * 1_000_000L;
  }
}
