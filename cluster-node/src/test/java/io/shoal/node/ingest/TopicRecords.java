package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic back in tests: every partition from the beginning, without a consumer group. */
public final class TopicRecords {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration METADATA = Duration.ofSeconds(10);
  /** After the expected records, one more poll this long shows there are no others. */
  private static final Duration NOTHING_MORE = Duration.ofMillis(300);

  private TopicRecords() {}

  /** Polls {@code topic} until {@code done} holds for what was read, or {@code patience} ends. */
  public static List<ConsumerRecord<byte[], byte[]>> readUntil(String bootstrapServers, String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration patience) {
    return read(bootstrapServers, topic, done, patience, Duration.ZERO);
  }

  /** Exactly {@code expected} records of {@code topic}: waits for them, then checks that no more follow. */
  public static List<ConsumerRecord<byte[], byte[]>> readExactly(String bootstrapServers, String topic,
      long expected, Duration patience) {
    List<ConsumerRecord<byte[], byte[]>> records =
        read(bootstrapServers, topic, read -> read.size() >= expected, patience, NOTHING_MORE);
    assertThat(records).as("records in %s", topic).hasSize((int) expected);
    return records;
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration patience, Duration lastPoll) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA).stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      Instant deadline = Instant.now().plus(patience);
      while (!done.test(records) && Instant.now().isBefore(deadline)) {
        consumer.poll(POLL).forEach(records::add);
      }
      if (!lastPoll.isZero()) {
        consumer.poll(lastPoll).forEach(records::add);
      }
      return records;
    }
  }
}
