package io.shoal.node.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.http.sse.PenEventJson;
import io.shoal.persistence.readmodel.PenPersistenceIds;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.PenConfigured;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * The {@code shoal.pen-health} record contract: what downstream consumers get for a pen's health change, alert or
 * camera liveness change. Built by hand, field by field (the payloads in http-frontend's {@code PenEventJson}, shared
 * with the SSE stream), so that renaming a Java record component can never change the published contract.
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

  private PenHealthRecords() {}

  /** The record for {@code envelope}'s event, or empty when that event is not published. */
  public static Optional<ProducerRecord<String, byte[]>> toRecord(String topic, EventEnvelope<Event> envelope) {
    Event event = envelope.event();
    // Per-frame assessments and configuration changes stay inside; the type names and payloads are the SSE
    // stream's (PenEventJson), so both contracts describe an event the same way.
    if (event instanceof FrameAssessed || event instanceof PenConfigured) {
      return Optional.empty();
    }
    String type = PenEventJson.type(event);
    String penId = PenPersistenceIds.penId(envelope.persistenceId());
    ObjectNode value = PenEventJson.object();
    value.put("eventType", type);
    value.put("penId", penId);
    value.put("sequenceNr", envelope.sequenceNr());
    value.put("journaledAt", iso(Instant.ofEpochMilli(envelope.timestamp())));
    value.set("payload", PenEventJson.payload(event));
    RecordHeaders headers = new RecordHeaders();
    headers.add(EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    return Optional.of(new ProducerRecord<>(topic, null, penId, PenEventJson.bytes(value), headers));
  }

  private static String iso(Instant at) {
    return at.toString();
  }
}
