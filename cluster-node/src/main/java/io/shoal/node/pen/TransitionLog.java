package io.shoal.node.pen;

import io.shoal.observability.logging.LogKeys;
import io.shoal.observability.logging.MdcScope;
import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.CameraCameBack;
import io.shoal.protocol.pen.PenProtocol.CameraWentOffline;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import io.shoal.protocol.pen.PenProtocol.PenConfigured;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One readable line per health transition of a pen (status changes, alerts, cameras going silent or coming back,
 * new thresholds), logged once the events are persisted. Frames are not logged: they are far too many. The logger
 * has its own name so an operator (or {@code ./shoal demo}) can show these lines while keeping the rest quiet.
 */
final class TransitionLog {

  /** The logger name to raise or lower on its own. */
  static final String LOGGER = "shoal.transitions";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private TransitionLog() {}

  static void persisted(String penId, List<Event> events) {
    if (!log.isInfoEnabled()) {
      return;
    }
    List<String> lines = events.stream().map(TransitionLog::describe).flatMap(Optional::stream).toList();
    if (lines.isEmpty()) {
      return;
    }
    // This runs on the journal's reply, not on the frame's command: name the frame that caused the transition.
    FrameAssessed frame = events.stream().filter(FrameAssessed.class::isInstance).map(FrameAssessed.class::cast)
        .findFirst().orElse(null);
    try (var mdc = MdcScope.of(LogKeys.PEN_ID, penId,
        LogKeys.FRAME_ID, frame == null ? null : frame.frameId(),
        LogKeys.CAMERA_ID, frame == null ? null : frame.cameraId())) {
      lines.forEach(line -> log.info("{}  {}", penId, line));
    }
  }

  /** The line for a transition event; empty for frames. */
  static Optional<String> describe(Event event) {
    if (event instanceof HealthStatusChanged e) {
      String why = e.reasons().isEmpty() ? "" : ": " + String.join("; ", e.reasons());
      return Optional.of("health " + e.from() + " -> " + e.to() + why);
    } else if (event instanceof AlertRaised e) {
      return Optional.of("alert raised " + e.alertId() + " [" + e.severity() + "] " + e.reason());
    } else if (event instanceof AlertAcknowledged e) {
      return Optional.of("alert acknowledged " + e.alertId() + " by " + e.by());
    } else if (event instanceof AlertResolved e) {
      return Optional.of("alert resolved " + e.alertId());
    } else if (event instanceof CameraWentOffline e) {
      return Optional.of("camera " + e.cameraId() + " offline");
    } else if (event instanceof CameraCameBack e) {
      return Optional.of("camera " + e.cameraId() + " back online");
    } else if (event instanceof PenConfigured e) {
      return Optional.of("thresholds configured by " + e.by());
    }
    return Optional.empty();
  }
}
