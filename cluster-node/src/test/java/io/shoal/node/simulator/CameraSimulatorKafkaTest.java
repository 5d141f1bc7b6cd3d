package io.shoal.node.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.cli.SimulateCommand;
import io.shoal.node.ingest.EmbeddedKafka;
import io.shoal.node.ingest.FrameRecord;
import io.shoal.node.ingest.FrameRecordParser;
import io.shoal.node.ingest.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The simulator against a real in-process broker: what it counts as published is what a consumer reads back. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CameraSimulatorKafkaTest {

  private static final Duration RUN_FOR = Duration.ofSeconds(2);
  private static final Duration READ_WITHIN = Duration.ofSeconds(15);
  private static final int PARTITIONS = 3;
  /** Frames far larger than a camera's would fail the test, not pass it. */
  private static final int MAX_IMAGE_BYTES = 512 * 1024;

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyPublishedFrameIsAValidFrameRecordAndTheCountsAgree() throws Exception {
    String topic = "sim.frames";
    kafka.createTopics(PARTITIONS, topic);
    SimulatorSettings settings = SimulatorTestConfig.settings("""
        shoal.simulator {
          # Modest: this must pass on a loaded two-core CI machine (40 frames/s x ~8 ms is a third of a core).
          pens = 2, cameras-per-pen = 2, fps = 10, render-threads = 2, max-unsent-frames = 16
          episodes.camera-outages = [{camera = pen-1-cam-2, start = 1s}]
        }""");

    SimulatorStats stats;
    long startedAt = System.currentTimeMillis();
    Scenario scenario;
    try (CameraSimulator simulator = CameraSimulator.create(settings, kafka.bootstrapServers(), topic)) {
      scenario = simulator.scenario();
      simulator.start();
      Thread.sleep(RUN_FOR.toMillis());
      simulator.close();
      stats = simulator.stats();
    }
    System.out.println("simulator: " + stats.summary());
    assertThat(stats.failed()).isZero();
    // 4 cameras x 10 fps x 2 s, less the silent camera's second: 70 frames due. A loaded machine may skip some
    // (a cold renderer is slow), which is the bound working; the counts must agree whatever they are.
    assertThat(stats.published()).isGreaterThan(10);
    assertThat(stats.published() + stats.skipped()).isBetween(60L, 80L);

    List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, stats.published());
    FrameRecordParser parser = new FrameRecordParser(MAX_IMAGE_BYTES, Duration.ofMinutes(1), Clock.systemUTC());
    Map<String, Long> perPen = new TreeMap<>();
    Set<String> frameIds = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      FrameRecordParser.Result result = parser.parse(record);
      assertThat(result).as("record at offset %d", record.offset()).isInstanceOf(FrameRecord.class);
      FrameRecord frame = (FrameRecord) result;
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(frame.penId());
      assertThat(frame.cameraId()).startsWith(frame.penId() + "-cam-");
      assertThat(frame.frameId()).startsWith(frame.cameraId() + "-");
      assertThat(frame.contentType()).isEqualTo("image/jpeg");
      assertThat(frame.capturedAt()).isBetween(startedAt - 1000, System.currentTimeMillis());
      assertThat(frameIds.add(frame.frameId())).as("unique frame id %s", frame.frameId()).isTrue();
      perPen.merge(frame.penId(), 1L, Long::sum);

      long slot = Long.parseLong(frame.frameId().substring(frame.frameId().lastIndexOf('-') + 1));
      if (frame.cameraId().equals("pen-1-cam-2")) {
        assertThat(scenario.slotTime(ScenarioTest.camera(scenario, "pen-1-cam-2"), slot))
            .as("the silent camera's frame %s", frame.frameId()).isLessThan(Duration.ofSeconds(1));
      }
    }
    assertThat(perPen).isEqualTo(new TreeMap<>(stats.publishedByPen()));
    // Same pen, same key, same partition: a pen's frames stay in order for its entity.
    Map<String, Set<Integer>> partitionsByPen = new TreeMap<>();
    records.forEach(r -> partitionsByPen
        .computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new HashSet<>())
        .add(r.partition()));
    partitionsByPen.values().forEach(partitions -> assertThat(partitions).hasSize(1));
  }

  @Test
  void theSimulateCommandPublishesForItsDurationAndStops() {
    String topic = "cli.frames";
    kafka.createTopics(1, topic);
    int rc = new CommandLine(new SimulateCommand(SimulatorTestConfig::config))
        .execute("--bootstrap", kafka.bootstrapServers(), "--topic", topic, "--pens", "1", "--cameras", "1",
            "--fps", "10", "--duration", "1s", "--seed", "5");
    assertThat(rc).isZero();
    List<ConsumerRecord<byte[], byte[]>> records = readAtLeast(topic, 5);
    assertThat(records).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("pen-1"));
  }

  /** Reads {@code topic} from the beginning until {@code expected} records arrived, then checks for no more. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, long expected) {
    return TopicRecords.readExactly(kafka.bootstrapServers(), topic, expected, READ_WITHIN);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAtLeast(String topic, long expected) {
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicRecords.readUntil(kafka.bootstrapServers(), topic, read -> read.size() >= expected, READ_WITHIN);
    assertThat(records).as("records in %s", topic).hasSizeGreaterThanOrEqualTo((int) expected);
    return records;
  }
}
