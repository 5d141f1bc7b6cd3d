package io.shoal.http.sse;

import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;

/**
 * Which of a pen's events a stream shows. Health changes, alerts, camera liveness and configuration always; the
 * per-frame assessments (by far the most numerous) only on request, so a dashboard is not flooded by default.
 */
public enum PenEventFilter {
  HEALTH,
  WITH_ASSESSMENTS;

  public boolean includes(Event event) {
    return this == WITH_ASSESSMENTS || !(event instanceof FrameAssessed);
  }
}
