package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.Eventually;
import io.shoal.node.ReferenceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ConsumerLag} and its poller against a real in-process broker: offsets are committed by a plain consumer that
 * then goes away, so the figures can only come from the group's committed offsets, not from any fetch.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsumerLagKafkaTest {

  private static final String TOPIC = "lag-frames";
  private static final String GROUP = "lag-group";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

  private static EmbeddedKafka kafka;
  private static ActorTestKit testKit;
  private static KafkaProducer<byte[], byte[]> producer;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(3, TOPIC);
    testKit = ActorTestKit.create("ConsumerLagKafkaTest", ReferenceConfig.reference());
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void lagIsEndMinusCommittedPerPartitionAndKeepsMovingWhileNobodyFetches() throws Exception {
    produce(P0, 10);
    produce(P1, 7);
    produce(P2, 5);
    commit(Map.of(P0, 4L, P1, 7L)); // P2 never committed

    try (ConsumerLag lag = ConsumerLag.connect(kafka.bootstrapServers(), GROUP, TOPIC, TIMEOUT)) {
      assertThat(lag.perPartition().toCompletableFuture().get(30, TimeUnit.SECONDS))
          .containsExactly(Map.entry(P0, 6L), Map.entry(P1, 0L), Map.entry(P2, 5L));

      // No consumer of the group is running now: the lag still follows what is produced.
      List<Map<TopicPartition, Long>> reported = new CopyOnWriteArrayList<>();
      ConsumerLagPoller poller = new ConsumerLagPoller(lag::perPartition, reported::add);
      poller.start(testKit.system().scheduler(), Duration.ofMillis(100), testKit.system().executionContext());
      try {
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(reported).isNotEmpty());
        produce(P1, 3);
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(reported.get(reported.size() - 1))
            .containsExactly(Map.entry(P0, 6L), Map.entry(P1, 3L), Map.entry(P2, 5L)));
        int reports = reported.size();
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(reported).hasSizeGreaterThan(reports + 2));

        commit(Map.of(P2, 5L));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(reported.get(reported.size() - 1))
            .containsExactly(Map.entry(P0, 6L), Map.entry(P1, 3L), Map.entry(P2, 0L)));
      } finally {
        poller.stop();
      }
    }
  }

  @Test
  void aGroupThatNeverCommittedLagsByEveryRetainedRecord() throws Exception {
    String topic = "lag-fresh";
    kafka.createTopics(2, topic);
    TopicPartition first = new TopicPartition(topic, 0);
    produce(first, 4);
    try (ConsumerLag lag = ConsumerLag.connect(kafka.bootstrapServers(), "no-such-group", topic, TIMEOUT)) {
      assertThat(lag.perPartition().toCompletableFuture().get(30, TimeUnit.SECONDS))
          .containsExactly(Map.entry(first, 4L), Map.entry(new TopicPartition(topic, 1), 0L));
    }
  }

  private static void produce(TopicPartition partition, int records) throws Exception {
    for (int i = 0; i < records; i++) {
      producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), null, new byte[] {(byte) i}))
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Commits {@code offsets} for the group with a plain consumer that never fetches, then closes it. */
  private static void commit(Map<TopicPartition, Long> offsets) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, GROUP,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<TopicPartition, OffsetAndMetadata> commits = new java.util.HashMap<>();
      offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
      consumer.commitSync(commits, Duration.ofSeconds(30));
    }
  }
}
