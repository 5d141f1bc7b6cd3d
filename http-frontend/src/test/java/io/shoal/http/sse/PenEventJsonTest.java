package io.shoal.http.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.protocol.pen.ConditionThresholds;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import io.shoal.protocol.pen.PenProtocol.PenConfigured;
import io.shoal.protocol.pen.PenThresholds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SSE data of the event types the Kafka record contract does not cover (its own test covers the others). */
class PenEventJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-26T06:00:00Z");

  @Test
  void anAssessmentShowsWhatTheModelSawWithoutKafkaPositions() throws Exception {
    FrameAssessed event = new FrameAssessed("f-1", "cam-1", AT, "shoal-fish:1", "salmon", 0.5f, null, null, false,
        3, 42L, null);
    assertThat(PenEventJson.type(event)).isEqualTo("frame-assessed");
    assertThat(JSON.readTree(PenEventJson.sseData(new PenEventEnvelope("pen-7", 9, event)))).isEqualTo(JSON.readTree("""
        {"eventType": "frame-assessed", "penId": "pen-7", "sequenceNr": 9, "payload": {
          "frameId": "f-1", "cameraId": "cam-1", "capturedAt": "2026-11-26T06:00:00Z",
          "receivedAt": "2026-11-26T06:00:00Z", "modelVersion": "shoal-fish:1", "fishPresent": false,
          "species": "salmon", "speciesProbability": 0.5, "condition": null, "conditionProbability": null}}
        """));
  }

  @Test
  void aConfigurationShowsItsThresholdsSorted() throws Exception {
    PenConfigured event = new PenConfigured(new PenThresholds(Map.of(
        "sea_lice", new ConditionThresholds(0.2, null),
        "dead", new ConditionThresholds(null, 0.02),
        "lesion", new ConditionThresholds(0.1, 0.25)), 30), "vet", AT);
    JsonNode data = JSON.readTree(PenEventJson.sseData(new PenEventEnvelope("pen-7", 2, event)));
    assertThat(data.get("eventType").asText()).isEqualTo("pen-configured");
    assertThat(data.get("payload")).isEqualTo(JSON.readTree("""
        {"thresholds": {"minimumSample": 30, "conditions": {
           "dead": {"critical": 0.02}, "lesion": {"warning": 0.1, "critical": 0.25}, "sea_lice": {"warning": 0.2}}},
         "by": "vet", "at": "2026-11-26T06:00:00Z"}
        """));
    assertThat(iterable(data.get("payload").get("thresholds").get("conditions").fieldNames()))
        .containsExactly("dead", "lesion", "sea_lice");
  }

  @Test
  void theDataIsOneLine() {
    // A newline inside data would split it into several SSE data lines; JSON text never needs one.
    HealthStatusChanged event = new HealthStatusChanged(HealthStatus.OK, HealthStatus.WARNING,
        List.of("lesion at 15 %\nof fish"));
    assertThat(PenEventJson.sseData(new PenEventEnvelope("pen-7", 1, event))).doesNotContain("\n");
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }
}
