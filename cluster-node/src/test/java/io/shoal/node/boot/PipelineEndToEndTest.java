package io.shoal.node.boot;

import static io.shoal.node.render.Condition.DEAD;
import static io.shoal.node.render.Condition.HEALTHY;
import static io.shoal.node.render.Condition.LESION;
import static io.shoal.node.render.Condition.SEA_LICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.node.Eventually;
import io.shoal.node.inference.InferenceListener;
import io.shoal.node.ingest.DeadLetter;
import io.shoal.node.ingest.FrameRecords;
import io.shoal.node.ingest.IngestMetrics;
import io.shoal.node.render.Condition;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameTruth;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import io.shoal.protocol.pen.PenProtocol.OpenAlert;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on one node with every role: embedded PostgreSQL, in-process Kafka and the real model. Frames
 * of known truth for four pens go in through Kafka; every frame is persisted once, statuses and alerts follow the
 * injected conditions, the read models and the outbound topic agree with the entities, and bad records are
 * dead-lettered while the rest flow on.
 */
class PipelineEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CAMERAS = List.of("cam-a", "cam-b");
  private static final int FRAMES_PER_CAMERA = 20;

  /** Conditions cycled over each pen's frames; default thresholds (reference.conf), minimum sample 30. */
  private static final Map<String, List<Condition>> PENS = new LinkedHashMap<>();

  static {
    PENS.put("pen-calm", List.of(HEALTHY));
    // 2 of 5 frames with lesions: 40 % >= 25 % critical.
    PENS.put("pen-lesion", List.of(HEALTHY, LESION, HEALTHY, LESION, HEALTHY));
    // 1 of 10 dead: 10 % >= 2 % critical.
    PENS.put("pen-dead", List.of(HEALTHY, HEALTHY, HEALTHY, HEALTHY, DEAD, HEALTHY, HEALTHY, HEALTHY, HEALTHY,
        HEALTHY));
    // 1 of 4 with lice: 25 % >= 20 % warning.
    PENS.put("pen-lice", List.of(HEALTHY, SEA_LICE, HEALTHY, HEALTHY));
  }

  private static final Map<String, HealthStatus> EXPECTED = Map.of(
      "pen-calm", HealthStatus.OK,
      "pen-lesion", HealthStatus.CRITICAL,
      "pen-dead", HealthStatus.CRITICAL,
      "pen-lice", HealthStatus.WARNING);

  private static TestServices services;
  private static ShoalNode node;
  private static final Map<String, Integer> produced = new HashMap<>();

  @BeforeAll
  static void runThePipeline() throws Exception {
    services = TestServices.start(3);
    node = ShoalNode.start(services.nodeConfig(0, List.of(), Map.of()), InferenceListener.NONE);
    try (FrameFeed feed = new FrameFeed(services.kafka.bootstrapServers(), TestServices.FRAMES)) {
      // A record without its captured-at header, between good frames of pen-calm.
      ProducerRecord<byte[], byte[]> good = FrameRecords.toProducerRecord(TestServices.FRAMES, "pen-calm", "cam-a",
          "broken-1", Instant.now().toEpochMilli(), new FrameRenderer().render(1, FrameTruth.NO_FISH).jpeg());
      good.headers().remove(FrameRecords.CAPTURED_AT);
      feed.send(good);
      // A truncated JPEG: passes the record checks, but the model cannot read it.
      byte[] truncated = Arrays.copyOf(new FrameRenderer().render(2, FrameTruth.NO_FISH).jpeg(), 700);
      feed.send(FrameRecords.toProducerRecord(TestServices.FRAMES, "pen-lice", "cam-a", "broken-2",
          Instant.now().toEpochMilli(), truncated));
      PENS.forEach((pen, script) -> produced.put(pen, feed.publishPen(pen, CAMERAS, FRAMES_PER_CAMERA, script)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void everyFrameIsCountedOnceAndStatusesFollowTheInjectedConditions() throws Exception {
    Map<String, PenHealth> health = new HashMap<>();
    Eventually.within(PATIENCE, () -> {
      for (String pen : PENS.keySet()) {
        PenHealth h = PenQueries.health(node, pen);
        assertThat(h.framesAssessed()).as(pen).isEqualTo(produced.get(pen).longValue());
        health.put(pen, h);
      }
    });
    EXPECTED.forEach((pen, status) -> assertThat(health.get(pen).status()).as(pen).isEqualTo(status));
    assertThat(health.get("pen-lesion").openAlerts()).extracting(OpenAlert::subject).containsExactly("lesion");
    assertThat(health.get("pen-dead").openAlerts()).extracting(OpenAlert::subject).containsExactly("dead");
    assertThat(health.get("pen-lice").openAlerts()).extracting(OpenAlert::subject).containsExactly("sea_lice");
    assertThat(health.get("pen-calm").openAlerts()).isEmpty();

    IngestMetrics.Snapshot metrics = node.ingestMetrics().orElseThrow().snapshot();
    assertThat(metrics.accepted()).isEqualTo(produced.values().stream().mapToInt(Integer::intValue).sum());
    assertThat(metrics.deadLetteredTotal()).isEqualTo(2);
    Eventually.within(PATIENCE, () ->
        assertThat(TopicReader.lag(services.kafka.bootstrapServers(), "shoal-ingest", TestServices.FRAMES)).isZero());
  }

  @Test
  void badRecordsAreDeadLetteredWithTheirReasons() {
    List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readUntil(services.kafka.bootstrapServers(),
        TestServices.DEAD_LETTER, records -> records.size() >= 2, PATIENCE);
    Map<String, String> reasons = dead.stream().collect(Collectors.toMap(
        r -> TopicReader.header(r, FrameRecords.FRAME_ID), r -> TopicReader.header(r, DeadLetter.REASON)));
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
        "broken-1", "missing-header",
        "broken-2", FrameRejected.UNDECODABLE_IMAGE));
  }

  @Test
  void theOutboundTopicTellsTheSameStoryAsTheEntities() throws Exception {
    Map<String, PenHealth> health = new HashMap<>();
    for (String pen : PENS.keySet()) {
      health.put(pen, PenQueries.health(node, pen));
    }
    Eventually.within(PATIENCE, () -> {
      List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readUntil(services.kafka.bootstrapServers(),
          TestServices.PEN_HEALTH, r -> false, Duration.ofSeconds(2));
      Map<String, String> lastStatus = new HashMap<>();
      Map<String, List<String>> openAlerts = new HashMap<>();
      // At least once: a record may come twice; (pen, sequenceNr) identifies the event.
      Map<String, JsonNode> events = new LinkedHashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        JsonNode json = JSON.readTree(record.value());
        events.putIfAbsent(json.get("penId").asText() + "#" + json.get("sequenceNr").asLong(), json);
      }
      for (JsonNode json : events.values()) {
        String pen = json.get("penId").asText();
        JsonNode payload = json.get("payload");
        List<String> open = openAlerts.computeIfAbsent(pen, p -> new ArrayList<>());
        switch (json.get("eventType").asText()) {
          case "health-status-changed" -> lastStatus.put(pen, payload.get("to").asText());
          case "alert-raised" -> open.add(payload.get("alertId").asText());
          case "alert-resolved" -> open.remove(payload.get("alertId").asText());
          default -> { }
        }
      }
      for (String pen : PENS.keySet()) {
        assertThat(lastStatus.get(pen)).as(pen).isEqualTo(health.get(pen).status().name());
        assertThat(openAlerts.getOrDefault(pen, List.of())).as(pen).containsExactlyInAnyOrderElementsOf(
            health.get(pen).openAlerts().stream().map(OpenAlert::alertId).toList());
      }
    });
  }

  @Test
  void readModelsAgreeWithTheEntities() throws Exception {
    Eventually.within(PATIENCE, () -> {
      List<List<String>> assessments =
          services.query("SELECT pen_id, count(*) FROM pen_assessments GROUP BY pen_id ORDER BY pen_id");
      Map<String, String> counts = assessments.stream().collect(Collectors.toMap(r -> r.get(0), r -> r.get(1)));
      PENS.keySet().forEach(pen -> assertThat(counts.get(pen)).as(pen).isEqualTo(produced.get(pen).toString()));

      for (String pen : PENS.keySet()) {
        PenHealth h = PenQueries.health(node, pen);
        assertThat(services.query("SELECT status FROM pen_status WHERE pen_id = '" + pen + "'"))
            .as(pen).containsExactly(List.of(h.status().name()));
        List<String> open = new ArrayList<>();
        services.query("SELECT alert_id FROM alerts WHERE state <> 'resolved' AND pen_id = '" + pen
            + "' ORDER BY alert_id").forEach(row -> open.add(row.get(0)));
        assertThat(open).as(pen).containsExactlyInAnyOrderElementsOf(
            h.openAlerts().stream().map(OpenAlert::alertId).toList());
      }
    });
  }
}
