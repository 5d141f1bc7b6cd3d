package io.shoal.node.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.persistence.readmodel.PenPersistenceIds;
import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.CameraCameBack;
import io.shoal.protocol.pen.PenProtocol.CameraWentOffline;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * The {@code shoal.pen-health} record contract: what downstream consumers get for a pen's health change, alert or
 * camera liveness change. Built here by hand, field by field, so that renaming a Java record component can never
 * change the published contract.
 *
 * <ul>
 *   <li>key: the pen id (UTF-8), so one pen's records stay in order in one partition;
 *   <li>header {@value #EVENT_TYPE_HEADER}: the event type, for consumers that route without parsing;
 *   <li>value: UTF-8 JSON {@code {"eventType", "penId", "sequenceNr", "journaledAt", "payload"}}, camelCase,
 *       times as ISO-8601 UTC. {@code penId} + {@code sequenceNr} identify an event: publishing is at least once,
 *       so consumers drop a pair they have already seen.
 * </ul>
 *
 * Event types are the journal's own type names: {@code health-status-changed}, {@code alert-raised},
 * {@code alert-acknowledged}, {@code alert-resolved}, {@code camera-went-offline}, {@code camera-came-back}. Frames
 * and configuration changes are not published.
 */
public final class PenHealthRecords {

  public static final String EVENT_TYPE_HEADER = "event-type";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PenHealthRecords() {}

  /** The record for {@code envelope}'s event, or empty when that event is not published. */
  public static Optional<ProducerRecord<String, byte[]>> toRecord(String topic, EventEnvelope<Event> envelope) {
    Event event = envelope.event();
    ObjectNode payload = JSON.createObjectNode();
    String type;
    if (event instanceof HealthStatusChanged e) {
      type = "health-status-changed";
      payload.put("from", e.from().name());
      payload.put("to", e.to().name());
      ArrayNode reasons = payload.putArray("reasons");
      e.reasons().forEach(reasons::add);
    } else if (event instanceof AlertRaised e) {
      type = "alert-raised";
      payload.put("alertId", e.alertId());
      payload.put("kind", e.kind().name());
      payload.put("subject", e.subject());
      payload.put("severity", e.severity().name());
      payload.put("reason", e.reason());
      payload.put("at", iso(e.at()));
    } else if (event instanceof AlertAcknowledged e) {
      type = "alert-acknowledged";
      payload.put("alertId", e.alertId());
      payload.put("by", e.by());
      payload.put("at", iso(e.at()));
    } else if (event instanceof AlertResolved e) {
      type = "alert-resolved";
      payload.put("alertId", e.alertId());
      payload.put("at", iso(e.at()));
    } else if (event instanceof CameraWentOffline e) {
      type = "camera-went-offline";
      payload.put("cameraId", e.cameraId());
      payload.put("at", iso(e.at()));
    } else if (event instanceof CameraCameBack e) {
      type = "camera-came-back";
      payload.put("cameraId", e.cameraId());
      payload.put("at", iso(e.at()));
    } else {
      return Optional.empty();
    }
    String penId = PenPersistenceIds.penId(envelope.persistenceId());
    ObjectNode value = JSON.createObjectNode();
    value.put("eventType", type);
    value.put("penId", penId);
    value.put("sequenceNr", envelope.sequenceNr());
    value.put("journaledAt", iso(Instant.ofEpochMilli(envelope.timestamp())));
    value.set("payload", payload);
    RecordHeaders headers = new RecordHeaders();
    headers.add(EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    return Optional.of(new ProducerRecord<>(topic, null, penId, bytes(value), headers));
  }

  private static String iso(Instant at) {
    return at.toString();
  }

  private static byte[] bytes(ObjectNode value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }
}
