package io.shoal.node.pen;

import io.shoal.observability.logging.LogKeys;
import io.shoal.protocol.pen.PenProtocol.AssessFrame;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenProtocol.ProcessFrame;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Labels every log line a pen entity writes (its own, Pekko persistence's, its supervisor's) with the pen's id,
 * and with the frame and camera while it handles a frame, through Pekko's per-message MDC: set before each message,
 * cleared after it, on whichever thread runs it.
 */
final class PenMdc {

  private PenMdc() {}

  /**
   * {@code pen} with the MDC set around each of its messages. Every message, not only commands: the journal's
   * replies (after which the pen logs its transitions and publishes) reach the entity as messages of their own.
   */
  static Behavior<Command> around(String penId, Behavior<Command> pen) {
    Behavior<Object> anyMessage = pen.unsafeCast();
    return Behaviors.withMdc(Object.class, Map.of(LogKeys.PEN_ID, penId), PenMdc::forMessage, anyMessage).narrow();
  }

  /** The frame and camera of a message about one frame; nothing more for the others. */
  static Map<String, String> forMessage(Object message) {
    if (message instanceof ProcessFrame frame) {
      return Map.of(LogKeys.FRAME_ID, frame.frameId(), LogKeys.CAMERA_ID, frame.cameraId());
    }
    if (message instanceof AssessFrame frame) {
      return Map.of(LogKeys.FRAME_ID, frame.frameId(), LogKeys.CAMERA_ID, frame.cameraId());
    }
    if (message instanceof InferenceAnswered answer) {
      return Map.of(LogKeys.FRAME_ID, answer.frame().frameId(), LogKeys.CAMERA_ID, answer.frame().cameraId());
    }
    return Map.of();
  }
}
