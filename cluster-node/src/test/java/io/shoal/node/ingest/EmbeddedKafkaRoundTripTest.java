package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.LabelMix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Frames through a real in-process broker: the contract survives Kafka, and a bad record reaches the DLT. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedKafkaRoundTripTest {

  private static final String FRAMES = "shoal.frames";
  private static final String DEAD_LETTER = "shoal.frames.dead-letter";
  private static final Duration RECEIVE_WITHIN = Duration.ofSeconds(15);

  @Test
  void aValidFrameRoundTripsAndAMalformedOneIsDeadLettered() throws Exception {
    byte[] jpeg = new FrameRenderer().render(7L, LabelMix.DATASET).jpeg();
    long capturedAt = System.currentTimeMillis();
    FrameRecordParser parser = new FrameRecordParser(512 * 1024, Duration.ofMinutes(5), Clock.systemUTC());

    Path directory;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      System.out.println("Embedded Kafka started in " + kafka.startTime().toMillis() + " ms");
      directory = kafka.directory();
      assertThat(directory).isDirectory();
      kafka.createTopics(3, FRAMES, DEAD_LETTER);
      kafka.createTopics(5, FRAMES); // already there: kept as it is
      assertThat(partitionCount(kafka, FRAMES)).isEqualTo(3);
      assertThat(partitionCount(kafka, DEAD_LETTER)).isEqualTo(3);

      RecordMetadata validAt;
      RecordMetadata malformedAt;
      try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
        validAt = producer.send(FrameRecords.toProducerRecord(FRAMES, "pen-3", "cam-b", "frame-42", capturedAt, jpeg))
            .get(10, TimeUnit.SECONDS);
        RecordHeaders headers = new RecordHeaders();
        headers.add(FrameRecords.CAMERA_ID, utf8("cam-b"));
        malformedAt = producer.send(new ProducerRecord<>(FRAMES, null, null, utf8("pen-3"), utf8("not an image"),
            headers)).get(10, TimeUnit.SECONDS);

        List<ConsumerRecord<byte[], byte[]>> consumed = readAll(kafka, FRAMES, 2);
        FrameRecordParser.Result valid = parse(parser, consumed, validAt);
        FrameRecordParser.Result malformed = parse(parser, consumed, malformedAt);

        assertThat(valid).isEqualTo(new FrameRecord("pen-3", "cam-b", "frame-42", capturedAt, "image/jpeg", jpeg,
            validAt.partition(), validAt.offset()));
        assertThat(malformed).isEqualTo(new Rejected(RejectReason.UNRECOGNISED_IMAGE,
            "the image starts with neither the JPEG nor the PNG signature"));

        ConsumerRecord<byte[], byte[]> bad = find(consumed, malformedAt);
        producer.send(DeadLetter.record(DEAD_LETTER, bad, (Rejected) malformed)).get(10, TimeUnit.SECONDS);
      }

      ConsumerRecord<byte[], byte[]> dead = readAll(kafka, DEAD_LETTER, 1).get(0);
      assertThat(dead.key()).isEqualTo(utf8("pen-3"));
      assertThat(dead.value()).isEqualTo(utf8("not an image"));
      assertThat(text(dead, FrameRecords.CAMERA_ID)).isEqualTo("cam-b");
      assertThat(text(dead, DeadLetter.REASON)).isEqualTo("unrecognised-image");
      assertThat(text(dead, DeadLetter.DETAIL)).contains("neither the JPEG nor the PNG");
      assertThat(text(dead, DeadLetter.SOURCE_TOPIC)).isEqualTo(FRAMES);
      assertThat(text(dead, DeadLetter.SOURCE_PARTITION)).isEqualTo(Integer.toString(malformedAt.partition()));
      assertThat(text(dead, DeadLetter.SOURCE_OFFSET)).isEqualTo(Long.toString(malformedAt.offset()));
    }
    assertThat(directory).doesNotExist();
  }

  private static int partitionCount(EmbeddedKafka kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
    }
  }

  private static FrameRecordParser.Result parse(FrameRecordParser parser, List<ConsumerRecord<byte[], byte[]>> records,
      RecordMetadata at) {
    return parser.parse(find(records, at));
  }

  private static ConsumerRecord<byte[], byte[]> find(List<ConsumerRecord<byte[], byte[]>> records, RecordMetadata at) {
    return records.stream()
        .filter(r -> r.partition() == at.partition() && r.offset() == at.offset())
        .findFirst()
        .orElseThrow(() -> new AssertionError("not consumed: " + at));
  }

  private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Reads {@code topic} from the beginning until {@code expected} records arrived (no group: assigned partitions). */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafka kafka, String topic, int expected) {
    return TopicRecords.readExactly(kafka.bootstrapServers(), topic, expected, RECEIVE_WITHIN);
  }

  private static String text(ConsumerRecord<byte[], byte[]> r, String header) {
    return new String(r.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
