package io.shoal.node.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertKind;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import io.shoal.protocol.pen.PenProtocol.CameraCameBack;
import io.shoal.protocol.pen.PenProtocol.CameraWentOffline;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import io.shoal.protocol.pen.PenProtocol.PenConfigured;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

/** The shoal.pen-health record contract, event by event. */
class PenHealthRecordsTest {

  private static final Instant AT = Instant.parse("2026-11-26T07:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EventEnvelope<Event> envelope(long seqNr, Event event) {
    return EventEnvelope.create(Offset.sequence(seqNr), "Pen|pen-7", seqNr, event, AT.toEpochMilli());
  }

  private static JsonNode value(ProducerRecord<String, byte[]> record) throws Exception {
    return JSON.readTree(record.value());
  }

  @Test
  void aHealthChangeIsKeyedByPenWithTypeHeaderAndEnvelope() throws Exception {
    ProducerRecord<String, byte[]> record = PenHealthRecords.toRecord("t", envelope(42,
        new HealthStatusChanged(HealthStatus.OK, HealthStatus.WARNING, List.of("lesion 15% >= 10% warning"))))
        .orElseThrow();
    assertThat(record.topic()).isEqualTo("t");
    assertThat(record.key()).isEqualTo("pen-7");
    assertThat(record.partition()).isNull();
    assertThat(new String(record.headers().lastHeader(PenHealthRecords.EVENT_TYPE_HEADER).value(),
        StandardCharsets.UTF_8)).isEqualTo("health-status-changed");
    assertThat(value(record)).isEqualTo(JSON.readTree("""
        {"eventType": "health-status-changed", "penId": "pen-7", "sequenceNr": 42,
         "journaledAt": "2026-11-26T07:00:00Z",
         "payload": {"from": "OK", "to": "WARNING", "reasons": ["lesion 15% >= 10% warning"]}}
        """));
  }

  @Test
  void alertsAndCamerasCarryTheirFieldsInCamelCaseWithIsoTimes() throws Exception {
    assertThat(value(PenHealthRecords.toRecord("t", envelope(1, new AlertRaised("pen-7-alert-1",
        AlertKind.CAMERA_OFFLINE, "cam-1", AlertSeverity.WARNING, "camera cam-1 silent", AT))).orElseThrow())
        .get("payload"))
        .isEqualTo(JSON.readTree("""
            {"alertId": "pen-7-alert-1", "kind": "CAMERA_OFFLINE", "subject": "cam-1", "severity": "WARNING",
             "reason": "camera cam-1 silent", "at": "2026-11-26T07:00:00Z"}
            """));
    assertThat(value(PenHealthRecords.toRecord("t", envelope(2, new AlertAcknowledged("pen-7-alert-1", "ops", AT)))
        .orElseThrow()).get("payload"))
        .isEqualTo(JSON.readTree("{\"alertId\": \"pen-7-alert-1\", \"by\": \"ops\", \"at\": \"2026-11-26T07:00:00Z\"}"));
    assertThat(value(PenHealthRecords.toRecord("t", envelope(3, new AlertResolved("pen-7-alert-1", AT)))
        .orElseThrow()).get("eventType").asText()).isEqualTo("alert-resolved");
    assertThat(value(PenHealthRecords.toRecord("t", envelope(4, new CameraWentOffline("cam-1", AT)))
        .orElseThrow()).get("payload"))
        .isEqualTo(JSON.readTree("{\"cameraId\": \"cam-1\", \"at\": \"2026-11-26T07:00:00Z\"}"));
    assertThat(value(PenHealthRecords.toRecord("t", envelope(5, new CameraCameBack("cam-1", AT)))
        .orElseThrow()).get("eventType").asText()).isEqualTo("camera-came-back");
  }

  @Test
  void framesAndConfigurationAreNotPublished() {
    assertThat(PenHealthRecords.toRecord("t", envelope(1, new FrameAssessed("f", "c", AT, "m:1", "salmon", 0.9f,
        "healthy", 0.8f, true, null, null, AT)))).isEmpty();
    assertThat(PenHealthRecords.toRecord("t", envelope(2, new PenConfigured(null, "vet", AT)))).isEmpty();
  }
}
