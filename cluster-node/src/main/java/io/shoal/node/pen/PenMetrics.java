package io.shoal.node.pen;

import io.shoal.observability.metrics.Instruments;
import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import io.shoal.observability.metrics.TagValues;
import io.shoal.protocol.pen.PenProtocol.Event;
import java.util.List;
import kamon.metric.Counter;
import kamon.metric.Gauge;

/**
 * The pens' metrics on this node: entities alive ({@value MetricNames#PENS_LIVE}) and events persisted by type
 * ({@value MetricNames#PEN_EVENTS_PERSISTED}, tagged {@link MetricTags#EVENT} with the event's kebab-case name,
 * e.g. {@code frame-assessed}). Event types form a closed set (a sealed interface), so the tag is bounded.
 */
final class PenMetrics {

  private static final Gauge LIVE = Instruments.gauge(MetricNames.PENS_LIVE);
  private static final ClassValue<Counter> PERSISTED = new ClassValue<>() {
    @Override
    protected Counter computeValue(Class<?> type) {
      return Instruments.counter(MetricNames.PEN_EVENTS_PERSISTED, MetricTags.EVENT, eventCode(type));
    }
  };

  static {
    // Every type exported from the start (at zero), so a dashboard shows a type before its first event.
    for (Class<?> type : Event.class.getPermittedSubclasses()) {
      PERSISTED.get(type);
    }
  }

  private PenMetrics() {}

  /** A pen finished recovering and is live on this node. */
  static void started() {
    LIVE.increment();
  }

  /** A live pen stopped (passivated, handed over, node stopping) or is restarting after a failure. */
  static void stopped() {
    LIVE.decrement();
  }

  /** {@code events} were just persisted (not replayed: replay does not call this). */
  static void persisted(List<Event> events) {
    for (Event event : events) {
      PERSISTED.get(event.getClass()).increment();
    }
  }

  /** {@code FrameAssessed} → {@code frame-assessed}. */
  static String eventCode(Class<?> type) {
    return TagValues.kebab(type.getSimpleName());
  }
}
