package io.shoal.node.publish;

import static io.shoal.node.publish.ReadSideNode.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.node.ingest.EmbeddedKafka;
import io.shoal.protocol.pen.PenProtocol.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real pen entities journal to PostgreSQL; the pen-health projection, started as in a node, publishes their health
 * changes, alerts and camera changes to a real (in-process) Kafka, in journal order, keyed by pen.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PenHealthPublisherTest {

  private static final String TOPIC = "test.pen-health";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void healthChangesAlertsAndCamerasOfThePensReachTheTopicInJournalOrder() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        ReadSideNode node = ReadSideNode.start("pen-health-publisher",
            Map.of("shoal.projections.pen-health.topic", TOPIC))) {
      kafka.createTopics(3, TOPIC);
      PenHealthPublisher.init(node.kit.system(), node.dataSource, kafka.bootstrapServers(), ReadSideNode.ROLE);
      ActorRef<Command> pen = node.spawnPen("pen-k");
      node.liveThroughTheStory(pen);

      // UNKNOWN->OK; lesion raised, ->WARNING; acknowledged; resolved, ->OK; cam-1 offline, its alert, ->UNKNOWN;
      // cam-1 back, its alert resolved, ->OK.
      List<String> expected = List.of(
          "health-status-changed", "alert-raised", "health-status-changed", "alert-acknowledged", "alert-resolved",
          "health-status-changed", "camera-went-offline", "alert-raised", "health-status-changed",
          "camera-came-back", "alert-resolved", "health-status-changed");
      List<ConsumerRecord<String, byte[]>> records = read(kafka, expected.size());

      // At least once: a restart could repeat records; penId + sequenceNr identify them.
      Map<Long, ConsumerRecord<String, byte[]>> bySequenceNr = new LinkedHashMap<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        bySequenceNr.putIfAbsent(JSON.readTree(record.value()).get("sequenceNr").asLong(), record);
      }
      List<String> types = new ArrayList<>();
      List<Long> sequenceNrs = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : bySequenceNr.values()) {
        JsonNode value = JSON.readTree(record.value());
        assertThat(record.key()).isEqualTo("pen-k");
        assertThat(value.get("penId").asText()).isEqualTo("pen-k");
        assertThat(new String(record.headers().lastHeader("event-type").value(), StandardCharsets.UTF_8))
            .isEqualTo(value.get("eventType").asText());
        types.add(value.get("eventType").asText());
        sequenceNrs.add(value.get("sequenceNr").asLong());
      }
      assertThat(types).isEqualTo(expected);
      assertThat(sequenceNrs).isSorted();
      assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());

      JsonNode warning = JSON.readTree(bySequenceNr.values().stream().toList().get(2).value());
      assertThat(warning.get("payload").get("to").asText()).isEqualTo("WARNING");
      assertThat(warning.get("payload").get("reasons").get(0).asText()).contains("lesion");
      JsonNode acknowledged = JSON.readTree(bySequenceNr.values().stream().toList().get(3).value());
      assertThat(acknowledged.get("payload").get("by").asText()).isEqualTo("ops");
      assertThat(acknowledged.get("payload").get("at").asText()).isEqualTo(ReadSideNode.NOW.toString());
    }
  }

  /** Reads the topic from the beginning until {@code expected} records arrived (bounded by PATIENCE). */
  private static List<ConsumerRecord<String, byte[]>> read(EmbeddedKafka kafka, int expected) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(TOPIC, p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(records).as("records on %s within %s", TOPIC, PATIENCE).hasSizeGreaterThanOrEqualTo(expected);
      return records;
    }
  }
}
