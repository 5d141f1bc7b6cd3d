package io.shoal.node.bench.e2e;

import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * What the {@link EventTap} sees, for the section running now: the latency of frames whose id starts with the
 * section's tag (captured-at to published, i.e. persisted), and the publish time of each event for the SSE section.
 */
final class PublishedEvents implements Consumer<PenEventEnvelope> {

  /** Frames of one tag: latency histogram in microseconds. */
  static final class Window {
    final String prefix;
    final ConcurrentHistogram micros = new ConcurrentHistogram(3);

    Window(String tag) {
      this.prefix = tag + "-";
    }

    long persisted() {
      return micros.getTotalCount();
    }
  }

  private volatile Window window;
  /** Publish time (System.nanoTime) of every event by "pen#sequenceNr", while the SSE section records. */
  private volatile Map<String, Long> publishedAt;

  @Override
  public void accept(PenEventEnvelope envelope) {
    long now = System.nanoTime();
    Map<String, Long> published = publishedAt;
    if (published != null) {
      published.put(key(envelope.penId(), envelope.sequenceNr()), now);
    }
    Window current = window;
    if (current != null && envelope.event() instanceof FrameAssessed frame
        && frame.frameId().startsWith(current.prefix)) {
      long micros = frame.capturedAt().until(Instant.now(), ChronoUnit.MICROS);
      current.micros.recordValue(Math.max(0, micros));
    }
  }

  Window openWindow(String tag) {
    Window w = new Window(tag);
    window = w;
    return w;
  }

  void closeWindow() {
    window = null;
  }

  /** Starts recording publish times; the map is the caller's to read (and drop) afterwards. */
  Map<String, Long> recordPublishTimes() {
    Map<String, Long> map = new ConcurrentHashMap<>();
    publishedAt = map;
    return map;
  }

  void stopPublishTimes() {
    publishedAt = null;
  }

  static String key(String penId, long sequenceNr) {
    return penId + "#" + sequenceNr;
  }
}
