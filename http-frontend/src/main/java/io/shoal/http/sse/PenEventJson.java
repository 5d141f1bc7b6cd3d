package io.shoal.http.sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.protocol.pen.ConditionThresholds;
import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.CameraCameBack;
import io.shoal.protocol.pen.PenProtocol.CameraWentOffline;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import io.shoal.protocol.pen.PenProtocol.PenConfigured;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pen event as the outside world sees it: its type name and its payload as JSON (camelCase, times ISO-8601 UTC).
 * Built field by field, so renaming a Java record component can never change a published contract. Shared by the
 * SSE stream and the {@code shoal.pen-health} Kafka records (cluster-node's {@code PenHealthRecords}).
 *
 * <p>Type names are the journal's own: {@code frame-assessed}, {@code health-status-changed}, {@code alert-raised},
 * {@code alert-acknowledged}, {@code alert-resolved}, {@code camera-went-offline}, {@code camera-came-back},
 * {@code pen-configured}.
 */
public final class PenEventJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PenEventJson() {}

  /** The event's type name. */
  public static String type(Event event) {
    if (event instanceof FrameAssessed) {
      return "frame-assessed";
    } else if (event instanceof HealthStatusChanged) {
      return "health-status-changed";
    } else if (event instanceof AlertRaised) {
      return "alert-raised";
    } else if (event instanceof AlertAcknowledged) {
      return "alert-acknowledged";
    } else if (event instanceof AlertResolved) {
      return "alert-resolved";
    } else if (event instanceof CameraWentOffline) {
      return "camera-went-offline";
    } else if (event instanceof CameraCameBack) {
      return "camera-came-back";
    } else if (event instanceof PenConfigured) {
      return "pen-configured";
    }
    throw new IllegalArgumentException("unknown pen event " + event.getClass().getName());
  }

  /** The event's fields. */
  public static ObjectNode payload(Event event) {
    ObjectNode payload = JSON.createObjectNode();
    if (event instanceof HealthStatusChanged e) {
      payload.put("from", e.from().name());
      payload.put("to", e.to().name());
      ArrayNode reasons = payload.putArray("reasons");
      e.reasons().forEach(reasons::add);
    } else if (event instanceof AlertRaised e) {
      payload.put("alertId", e.alertId());
      payload.put("kind", e.kind().name());
      payload.put("subject", e.subject());
      payload.put("severity", e.severity().name());
      payload.put("reason", e.reason());
      payload.put("at", iso(e.at()));
    } else if (event instanceof AlertAcknowledged e) {
      payload.put("alertId", e.alertId());
      payload.put("by", e.by());
      payload.put("at", iso(e.at()));
    } else if (event instanceof AlertResolved e) {
      payload.put("alertId", e.alertId());
      payload.put("at", iso(e.at()));
    } else if (event instanceof CameraWentOffline e) {
      payload.put("cameraId", e.cameraId());
      payload.put("at", iso(e.at()));
    } else if (event instanceof CameraCameBack e) {
      payload.put("cameraId", e.cameraId());
      payload.put("at", iso(e.at()));
    } else if (event instanceof FrameAssessed e) {
      frameAssessed(payload, e);
    } else if (event instanceof PenConfigured e) {
      penConfigured(payload, e);
    } else {
      throw new IllegalArgumentException("unknown pen event " + event.getClass().getName());
    }
    return payload;
  }

  /**
   * The SSE {@code data} of one event: {@code {"eventType", "penId", "sequenceNr", "payload"}}, the Kafka record's
   * shape without {@code journaledAt} (a live event carries no journal timestamp).
   */
  public static String sseData(PenEventEnvelope envelope) {
    ObjectNode value = JSON.createObjectNode();
    value.put("eventType", type(envelope.event()));
    value.put("penId", envelope.penId());
    value.put("sequenceNr", envelope.sequenceNr());
    value.set("payload", payload(envelope.event()));
    return string(value);
  }

  /** {@code value} as compact JSON text. */
  public static String string(ObjectNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  /** {@code value} as UTF-8 JSON bytes. */
  public static byte[] bytes(ObjectNode value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  /** A fresh object node (for callers that wrap a payload, such as the Kafka record). */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  // Kafka partition and offset are ingestion internals, not part of what a pen's subscribers are shown.
  private static void frameAssessed(ObjectNode payload, FrameAssessed e) {
    payload.put("frameId", e.frameId());
    payload.put("cameraId", e.cameraId());
    payload.put("capturedAt", iso(e.capturedAt()));
    payload.put("receivedAt", iso(e.receivedOrCaptured()));
    payload.put("modelVersion", e.modelVersion());
    payload.put("fishPresent", e.fishPresent());
    payload.put("species", e.species());
    payload.put("speciesProbability", e.speciesProbability());
    payload.put("condition", e.condition());
    if (e.conditionProbability() == null) {
      payload.putNull("conditionProbability");
    } else {
      payload.put("conditionProbability", e.conditionProbability());
    }
  }

  private static void penConfigured(ObjectNode payload, PenConfigured e) {
    ObjectNode thresholds = payload.putObject("thresholds");
    thresholds.put("minimumSample", e.thresholds().minimumSample());
    ObjectNode conditions = thresholds.putObject("conditions");
    // Sorted, so the same thresholds always read the same.
    for (Map.Entry<String, ConditionThresholds> c : new TreeMap<>(e.thresholds().conditions()).entrySet()) {
      ObjectNode level = conditions.putObject(c.getKey());
      if (c.getValue().warning() != null) {
        level.put("warning", c.getValue().warning());
      }
      if (c.getValue().critical() != null) {
        level.put("critical", c.getValue().critical());
      }
    }
    payload.put("by", e.by());
    payload.put("at", iso(e.at()));
  }

  private static String iso(Instant at) {
    return at == null ? null : at.toString();
  }
}
