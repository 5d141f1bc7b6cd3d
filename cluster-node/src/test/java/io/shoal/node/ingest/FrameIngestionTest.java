package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ReferenceConfig;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameDeferred;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ingestion stream against a real in-process broker, with a scripted stand-in for the pens. Each test has its
 * own topics and consumer group on one shared broker and actor system.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrameIngestionTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);
  /** Longer than several commit intervals (100 ms below): what was not committed by then is being held back. */
  private static final Duration SETTLE = Duration.ofMillis(600);
  private static final byte[] PNG = TestRecords.png(2, 2);
  private static final AtomicInteger TEST_NUMBER = new AtomicInteger();

  private static EmbeddedKafka kafka;
  private static ActorTestKit testKit;
  private static Admin admin;
  private static KafkaProducer<byte[], byte[]> producer;

  private final List<FrameIngestion> started = new ArrayList<>();
  private final List<CompletableFuture<?>> gates = new ArrayList<>();
  private String topic;
  private String deadLetterTopic;
  private String group;

  @BeforeAll
  static void startKafkaAndActors() {
    kafka = EmbeddedKafka.start();
    testKit = ActorTestKit.create("FrameIngestionTest", ReferenceConfig.withOverrides("""
        # Poll often so the tests need not wait; small polls so backpressure shows with few records.
        pekko.kafka.consumer.poll-interval = 10ms
        pekko.kafka.consumer.kafka-clients.max.poll.records = 10
        pekko.kafka.consumer.kafka-clients.session.timeout.ms = 10000
        pekko.kafka.consumer.kafka-clients.heartbeat.interval.ms = 500
        """));
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stopAll() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void stopIngestions() throws Exception {
    gates.forEach(gate -> gate.complete(null));
    for (FrameIngestion ingestion : started) {
      ingestion.stop().toCompletableFuture().get(WITHIN.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private void topics(int partitions) {
    int n = TEST_NUMBER.incrementAndGet();
    topic = "frames-" + n;
    deadLetterTopic = "frames-" + n + ".dead-letter";
    group = "ingest-" + n;
    kafka.createTopics(partitions, topic, deadLetterTopic);
  }

  // ------------------------------------------------------------------------------------------------------ tests

  @Test
  void everyValidFrameIsDeliveredOnceAndItsOffsetCommitted() throws Exception {
    topics(3);
    for (int p = 0; p < 3; p++) {
      for (int i = 0; i < 10; i++) {
        send(frame(p, "pen-" + p, "f-" + p + "-" + i));
      }
    }
    ScriptedGateway gateway = new ScriptedGateway();
    FrameIngestion ingestion = start(settings(4), gateway);

    awaitCommitted(Map.of(0, 10L, 1, 10L, 2, 10L));
    assertThat(gateway.deliveriesPerFrame()).hasSize(30).allSatisfy((frameId, times) -> assertThat(times).isOne());
    FrameRecord first = gateway.deliveries().stream().filter(f -> f.frameId().equals("f-1-0")).findFirst()
        .orElseThrow();
    assertThat(first.penId()).isEqualTo("pen-1");
    assertThat(first.cameraId()).isEqualTo("cam-1");
    assertThat(first.partition()).isEqualTo(1);
    assertThat(first.offset()).isZero();
    assertThat(first.image()).isEqualTo(PNG);
    // Per partition, frames reach the pens in the partition's order (delivery starts in order; only answers overlap).
    for (int p = 0; p < 3; p++) {
      String prefix = "f-" + p + "-";
      assertThat(gateway.deliveredFrameIds().stream().filter(id -> id.startsWith(prefix)).toList())
          .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> prefix + i).toList());
    }
    IngestMetrics.Snapshot metrics = ingestion.metrics().snapshot();
    assertThat(metrics.consumed()).isEqualTo(30);
    assertThat(metrics.accepted()).isEqualTo(30);
    assertThat(metrics.duplicates()).isZero();
    assertThat(metrics.deadLetteredTotal()).isZero();
    assertThat(metrics.restarts()).isZero();
    assertThat(metrics.inFlight()).isZero();
  }

  @Test
  void malformedRecordsAreDeadLetteredWithTheirReasonAndTheFramesAfterThemFlowOn() throws Exception {
    topics(2);
    send(frame(0, "pen-a", "m-0"));
    ProducerRecord<byte[], byte[]> noCapturedAt = frame(0, "pen-a", "m-1");
    noCapturedAt.headers().remove(FrameRecords.CAPTURED_AT);
    send(noCapturedAt);
    ProducerRecord<byte[], byte[]> valid = frame(0, "pen-a", "m-2");
    send(new ProducerRecord<>(topic, 0, null, valid.key(), utf8("not an image"), valid.headers()));
    send(frame(0, "pen-a", "m-3"));
    ScriptedGateway gateway = new ScriptedGateway();
    FrameIngestion ingestion = start(settings(4), gateway);

    awaitCommitted(Map.of(0, 4L));
    assertThat(gateway.deliveredFrameIds()).containsExactly("m-0", "m-3");
    List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(2);
    dead.sort(Comparator.comparing(r -> header(r, DeadLetter.SOURCE_OFFSET)));
    assertThat(dead).extracting(r -> header(r, DeadLetter.REASON))
        .containsExactly(RejectReason.MISSING_HEADER.code(), RejectReason.UNRECOGNISED_IMAGE.code());
    assertThat(dead).extracting(r -> header(r, DeadLetter.SOURCE_OFFSET)).containsExactly("1", "2");
    assertThat(dead).extracting(r -> header(r, DeadLetter.SOURCE_TOPIC)).containsOnly(topic);
    assertThat(header(dead.get(0), DeadLetter.DETAIL)).contains(FrameRecords.CAPTURED_AT);
    assertThat(dead.get(1).value()).isEqualTo(utf8("not an image"));
    assertThat(header(dead.get(1), FrameRecords.FRAME_ID)).isEqualTo("m-2");
    IngestMetrics.Snapshot metrics = ingestion.metrics().snapshot();
    assertThat(metrics.deadLettered()).isEqualTo(Map.of("missing-header", 1L, "unrecognised-image", 1L));
    assertThat(metrics.consumed()).isEqualTo(4);
    assertThat(metrics.accepted()).isEqualTo(2);
  }

  @Test
  void aFrameThePenRejectsIsDeadLetteredWithThePensCode() throws Exception {
    topics(2);
    for (int i = 0; i < 4; i++) {
      send(frame(1, "pen-r", "r-" + i));
    }
    Map<String, FrameOutcome> verdicts = Map.of(
        "r-0", new FrameRejected("r-0", FrameRejected.UNDECODABLE_IMAGE, "truncated JPEG"),
        "r-2", new FrameRejected("r-2", FrameRejected.TOO_MANY_CAMERAS, "33 cameras"));
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> verdicts.containsKey(frame.frameId())
        ? CompletableFuture.completedFuture(verdicts.get(frame.frameId())) : gateway.accept(frame));
    FrameIngestion ingestion = start(settings(2), gateway);

    awaitCommitted(Map.of(1, 4L));
    assertThat(gateway.deliveriesPerFrame()).isEqualTo(Map.of("r-0", 1L, "r-1", 1L, "r-2", 1L, "r-3", 1L));
    List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(2);
    dead.sort(Comparator.comparing(r -> header(r, DeadLetter.SOURCE_OFFSET)));
    assertThat(dead).extracting(r -> header(r, DeadLetter.REASON))
        .containsExactly("undecodable-image", "too-many-cameras");
    assertThat(dead).extracting(r -> header(r, DeadLetter.DETAIL)).containsExactly("truncated JPEG", "33 cameras");
    assertThat(dead).extracting(r -> header(r, FrameRecords.FRAME_ID)).containsExactly("r-0", "r-2");
    assertThat(dead.get(0).value()).isEqualTo(PNG);
    assertThat(ingestion.metrics().snapshot().deadLettered())
        .isEqualTo(Map.of("undecodable-image", 1L, "too-many-cameras", 1L));
    assertThat(ingestion.metrics().snapshot().accepted()).isEqualTo(2);
  }

  @Test
  void aDeferredOrUnansweredFrameIsSentAgainUntilAcceptedAndNothingIsSkipped() throws Exception {
    topics(2);
    for (int i = 0; i < 4; i++) {
      send(frame(0, "pen-d", "d-" + i));
    }
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> {
      int attempt = attempts.computeIfAbsent(frame.frameId(), id -> new AtomicInteger()).incrementAndGet();
      if (frame.frameId().equals("d-1") && attempt <= 2) {
        return CompletableFuture.completedFuture(new FrameDeferred("d-1", "inference saturated"));
      }
      if (frame.frameId().equals("d-2") && attempt == 1) {
        return CompletableFuture.failedFuture(new TimeoutException("ask timed out"));
      }
      return gateway.accept(frame);
    });
    FrameIngestion ingestion = start(settings(1), gateway);

    awaitCommitted(Map.of(0, 4L));
    assertThat(gateway.deliveriesPerFrame()).isEqualTo(Map.of("d-0", 1L, "d-1", 3L, "d-2", 2L, "d-3", 1L));
    // One in flight per partition: the frame after a deferred one waits for it (order kept, nothing overtaken).
    assertThat(gateway.deliveredFrameIds()).containsExactly("d-0", "d-1", "d-1", "d-1", "d-2", "d-2", "d-3");
    IngestMetrics.Snapshot metrics = ingestion.metrics().snapshot();
    assertThat(metrics.deferred()).isEqualTo(2);
    assertThat(metrics.deliveryFailures()).isEqualTo(1);
    assertThat(metrics.retries()).isEqualTo(3);
    assertThat(metrics.accepted()).isEqualTo(4);
    assertThat(metrics.restarts()).isZero();
  }

  @Test
  void offsetsAreNotCommittedPastAFrameWhoseDeliveryIsPending() throws Exception {
    topics(2);
    for (int i = 0; i < 5; i++) {
      send(frame(0, "pen-g", "g-" + i));
    }
    CompletableFuture<Void> gate = gate();
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> frame.frameId().equals("g-2") ? gateway.acceptAfter(gate, frame)
        : gateway.accept(frame));
    start(settings(8), gateway);

    await("all five delivered", () -> gateway.deliveries().size() == 5);
    awaitCommitted(Map.of(0, 2L));
    Thread.sleep(SETTLE.toMillis());
    // g-3 and g-4 are answered, but committing them would skip g-2 after a crash.
    assertThat(committed()).isEqualTo(Map.of(0, 2L));
    assertThat(gateway.pending()).isOne();

    gate.complete(null);
    awaitCommitted(Map.of(0, 5L));
    assertThat(gateway.deliveriesPerFrame()).allSatisfy((frameId, times) -> assertThat(times).isOne());
  }

  @Test
  void stopDrainsTheFramesInFlightAndCommitsThem() throws Exception {
    topics(2);
    for (int i = 0; i < 6; i++) {
      send(frame(0, "pen-s", "s-" + i));
    }
    CompletableFuture<Void> gate = gate();
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> gateway.acceptAfter(gate, frame));
    FrameIngestion ingestion = start(settings(4), gateway);

    await("four frames in flight", () -> gateway.pending() == 4);
    CompletionStage<?> stopped = ingestion.stop();
    Thread.sleep(SETTLE.toMillis());
    assertThat(stopped.toCompletableFuture()).as("stop waits for the frames in flight").isNotDone();
    assertThat(committed()).isEmpty();

    gate.complete(null);
    stopped.toCompletableFuture().get(WITHIN.toSeconds(), TimeUnit.SECONDS);
    assertThat(ingestion.completion().toCompletableFuture()).isCompleted();
    int delivered = gateway.deliveries().size();
    assertThat(delivered).isBetween(4, 6);
    assertThat(gateway.deliveriesPerFrame()).allSatisfy((frameId, times) -> assertThat(times).isOne());
    // Everything handed to the pens was committed before the consumer closed.
    assertThat(committed()).isEqualTo(Map.of(0, (long) delivered));

    send(frame(0, "pen-s", "s-after-stop"));
    Thread.sleep(SETTLE.toMillis());
    assertThat(gateway.deliveries()).hasSize(delivered);
  }

  @Test
  void aSlowPenSlowsConsumptionWithinTheInFlightBoundAndLosesNothing() throws Exception {
    int partitions = 3;
    int inFlight = 2;
    int perPartition = 20;
    topics(partitions);
    for (int i = 0; i < perPartition; i++) {
      for (int p = 0; p < partitions; p++) {
        send(frame(p, "pen-" + p, "b-" + p + "-" + i));
      }
    }
    CompletableFuture<Void> gate = gate();
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> gateway.acceptAfter(gate, frame));
    FrameIngestion ingestion = start(settings(inFlight), gateway);

    await("every partition's slots taken", () -> gateway.pending() == partitions * inFlight);
    Thread.sleep(SETTLE.toMillis());
    // Stalled pens: exactly the in-flight frames were handed over, nothing more, and nothing is committed while
    // 60 records wait in the topic.
    assertThat(gateway.deliveries()).hasSize(partitions * inFlight);
    assertThat(committed()).isEmpty();

    // Now the pens answer, slowly: consumption resumes, still within the bound.
    gateway.answering(frame -> CompletableFuture.supplyAsync(() -> frame,
        CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS)).thenCompose(gateway::accept));
    gate.complete(null);
    awaitCommitted(Map.of(0, (long) perPartition, 1, (long) perPartition, 2, (long) perPartition));
    assertThat(gateway.deliveriesPerFrame()).hasSize(partitions * perPartition)
        .allSatisfy((frameId, times) -> assertThat(times).isOne());
    assertThat(gateway.maxPending()).isEqualTo(partitions * inFlight);
    assertThat(ingestion.metrics().snapshot().maxInFlight()).isEqualTo(partitions * inFlight);
  }

  @Test
  void aFrameNotSettledWithinItsRetriesRestartsTheStreamFromTheLastCommit() throws Exception {
    topics(2);
    for (int i = 0; i < 4; i++) {
      send(frame(0, "pen-x", "x-" + i));
    }
    AtomicInteger deferrals = new AtomicInteger();
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> frame.frameId().equals("x-2") && deferrals.incrementAndGet() <= 3
        ? CompletableFuture.completedFuture(new FrameDeferred("x-2", "inference saturated"))
        : gateway.accept(frame));
    // Two deliveries per run: the first run gives up on x-2, the second succeeds on its second delivery.
    IngestSettings settings = settings(1);
    settings = new IngestSettings(settings.groupId(), 1, settings.maxPartitions(), settings.askTimeout(),
        settings.retry(), 1, settings.restart(), settings.commitMaxBatch(), settings.commitMaxInterval());
    FrameIngestion ingestion = start(settings, gateway);

    awaitCommitted(Map.of(0, 4L));
    IngestMetrics.Snapshot metrics = ingestion.metrics().snapshot();
    assertThat(metrics.restarts()).isEqualTo(1);
    assertThat(gateway.deliveriesOf("x-2")).isEqualTo(4);
    assertThat(gateway.deliveriesPerFrame()).containsOnlyKeys("x-0", "x-1", "x-2", "x-3");
    // Frames answered but not yet committed when the stream failed come again; the pens call them duplicates.
    assertThat(metrics.accepted()).isEqualTo(4);
    assertThat(metrics.duplicates()).isEqualTo(gateway.deliveries().size() - 4 - 3);
    assertThat(ingestion.completion().toCompletableFuture()).isNotDone();
  }

  @Test
  void aStopWhileTheStreamWaitsToRestartEndsAtOnce() throws Exception {
    topics(2);
    send(frame(0, "pen-y", "y-0"));
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> CompletableFuture.completedFuture(new FrameDeferred(frame.frameId(), "saturated")));
    IngestSettings quick = settings(1);
    // No retries: the first deferral fails the stream, which then waits 10 s to restart.
    IngestSettings settings = new IngestSettings(quick.groupId(), 1, quick.maxPartitions(), quick.askTimeout(),
        quick.retry(), 0, new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10), 0), quick.commitMaxBatch(),
        quick.commitMaxInterval());
    FrameIngestion ingestion = start(settings, gateway);
    await("the frame deferred", () -> ingestion.metrics().snapshot().deferred() == 1);
    Thread.sleep(SETTLE.toMillis()); // the failure reaches the restart stage

    long begin = System.nanoTime();
    ingestion.stop().toCompletableFuture().get(WITHIN.toSeconds(), TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    assertThat(ingestion.metrics().snapshot().restarts()).isZero();
    assertThat(gateway.deliveries()).hasSize(1);
    assertThat(committed()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  /** Fast retries and restarts, commits every 100 ms, 8 partitions at most. */
  private IngestSettings settings(int inFlightPerPartition) {
    return new IngestSettings(group, inFlightPerPartition, 8, Duration.ofSeconds(5),
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 0), 5,
        new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0), 50, Duration.ofMillis(100));
  }

  private FrameIngestion start(IngestSettings settings, PenGateway gateway) {
    KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers(), topic, deadLetterTopic, 512 * 1024,
        Duration.ofMinutes(5));
    FrameIngestion ingestion = FrameIngestion.start(testKit.system(), kafkaSettings, settings, gateway,
        new IngestMetrics());
    started.add(ingestion);
    return ingestion;
  }

  private CompletableFuture<Void> gate() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    gates.add(gate);
    return gate;
  }

  /** A valid frame for {@code partition} of this test's topic. */
  private ProducerRecord<byte[], byte[]> frame(int partition, String penId, String frameId) {
    ProducerRecord<byte[], byte[]> record = FrameRecords.toProducerRecord(topic, penId, "cam-" + partition, frameId,
        System.currentTimeMillis(), PNG);
    return new ProducerRecord<>(topic, partition, null, record.key(), record.value(),
        new RecordHeaders(record.headers().toArray()));
  }

  private static void send(ProducerRecord<byte[], byte[]> record) throws Exception {
    producer.send(record).get(10, TimeUnit.SECONDS);
  }

  /** The group's committed offsets of this test's topic, by partition (partitions without a commit left out). */
  private Map<Integer, Long> committed() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<Integer, Long> byPartition = new java.util.TreeMap<>();
    offsets.forEach((tp, offset) -> {
      if (offset != null && tp.topic().equals(topic)) {
        byPartition.put(tp.partition(), offset.offset());
      }
    });
    return byPartition;
  }

  private void awaitCommitted(Map<Integer, Long> expected) throws Exception {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    Map<Integer, Long> last = committed();
    while (!last.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      last = committed();
    }
    assertThat(last).as("committed offsets of %s within %s", topic, WITHIN).isEqualTo(expected);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WITHIN + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(deadLetterTopic, p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + WITHIN.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      // Nothing more than expected either.
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      assertThat(records).as("dead letters in %s", deadLetterTopic).hasSize(expected);
      return records;
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
