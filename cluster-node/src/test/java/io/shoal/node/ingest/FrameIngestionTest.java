package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ReferenceConfig;
import io.shoal.protocol.pen.PenProtocol.FrameDeferred;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
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
  /** Retry and restart pause where a test needs a retry timer to outlast a stream failure with room to spare. */
  private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
  /** service-requests-done's timeout where a test lets a drain run out of time. */
  private static final Duration DRAIN_DEADLINE = Duration.ofMillis(300);
  private static final byte[] PNG = TestRecords.png(2, 2);
  /**
   * The dead-letter producer's max.request.size here, far below the 512 KiB max-image-bytes of {@link #start}: a
   * record the frames topic took, and the parser let through, may still be too large to dead-letter.
   */
  private static final int DEAD_LETTER_MAX_REQUEST_BYTES = 16 * 1024;
  /** max-image-bytes where a test needs an oversized image below the dead-letter producer's limit. */
  private static final int SMALL_MAX_IMAGE_BYTES = 10 * 1024;
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
        pekko.kafka.producer.kafka-clients.max.request.size = %d
        """.formatted(DEAD_LETTER_MAX_REQUEST_BYTES)));
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

  @Test
  void aDeliveryAnsweredAfterItsStreamRestartedIsNotSentAgain() throws Exception {
    topics(2);
    send(frame(0, "pen-o", "boom"));
    send(frame(1, "pen-h", "hung"));
    IngestMetrics metrics = new IngestMetrics();
    CompletableFuture<Void> hungDelivered = gate();
    CompletableFuture<FrameOutcome> firstRunAnswerOfHung = new CompletableFuture<>();
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> {
      if (metrics.snapshot().restarts() > 0) {
        return gateway.accept(frame); // the second run: the pens answer at once
      }
      if (frame.frameId().equals("hung")) {
        hungDelivered.complete(null);
        return firstRunAnswerOfHung; // no answer until the test times it out, after the restart
      }
      // boom runs out of retries (failing the first run) only once hung is with its pen.
      return hungDelivered.thenApply(ignored -> new FrameDeferred(frame.frameId(), "inference saturated"));
    });
    start(settings(1), gateway, metrics, 512 * 1024);

    awaitCommitted(Map.of(0, 1L, 1, 1L));
    assertThat(metrics.snapshot().restarts()).isOne();
    assertThat(gateway.deliveriesOf("hung")).as("once by each run").isEqualTo(2);

    // The first run's ask of hung times out now: that run is gone, and the second run has settled hung already.
    firstRunAnswerOfHung.completeExceptionally(new TimeoutException("ask timed out"));
    Thread.sleep(SETTLE.toMillis()); // many times the 20-100 ms retry pause of settings()
    assertThat(gateway.deliveriesOf("hung")).as("no retry from the run that ended").isEqualTo(2);
    assertThat(metrics.snapshot().restarts()).isOne();
    assertThat(metrics.snapshot().inFlight()).isZero();
  }

  @Test
  void aRetryWaitingWhenItsStreamFailsIsNotMade() throws Exception {
    topics(2);
    send(frame(0, "pen-o", "boom"));
    send(frame(1, "pen-w", "waiting"));
    IngestMetrics metrics = new IngestMetrics();
    CompletableFuture<Void> waitingDelivered = gate();
    CompletableFuture<Void> boomDeferred = gate();
    ScriptedGateway gateway = new ScriptedGateway();
    gateway.answering(frame -> {
      if (metrics.snapshot().restarts() > 0) {
        return gateway.accept(frame);
      }
      FrameOutcome deferred = new FrameDeferred(frame.frameId(), "inference saturated");
      if (frame.frameId().equals("waiting")) {
        waitingDelivered.complete(null);
        // Half a pause after boom's first deferral: waiting's retry falls due half a pause after boom's retry
        // failed the run, and half a pause before the restart.
        return boomDeferred.thenApplyAsync(ignored -> deferred,
            CompletableFuture.delayedExecutor(RETRY_PAUSE.toMillis() / 2, TimeUnit.MILLISECONDS));
      }
      // boom: deferred once waiting is with its pen, whichever partition was fetched first.
      return waitingDelivered.thenApply(ignored -> {
        boomDeferred.complete(null);
        return deferred;
      });
    });
    // One retry each, after RETRY_PAUSE: boom's retry fails the run, waiting's timer is still running then, and the
    // restart comes RETRY_PAUSE later still.
    IngestSettings quick = settings(1);
    IngestSettings settings = new IngestSettings(quick.groupId(), 1, quick.maxPartitions(), quick.askTimeout(),
        new Backoff(RETRY_PAUSE, RETRY_PAUSE, 0), 1, new Backoff(RETRY_PAUSE, RETRY_PAUSE, 0),
        quick.commitMaxBatch(), quick.commitMaxInterval());
    start(settings, gateway, metrics, 512 * 1024);

    awaitCommitted(Map.of(0, 1L, 1, 1L));
    Thread.sleep(SETTLE.toMillis());
    assertThat(metrics.snapshot().restarts()).isOne();
    assertThat(gateway.deliveriesOf("boom")).as("twice by the first run, once by the second").isEqualTo(3);
    assertThat(gateway.deliveriesOf("waiting")).as("its retry in the first run never made").isEqualTo(2);
  }

  @Test
  void anOversizedImageIsDeadLetteredWithoutItsValueButWithItsSize() throws Exception {
    topics(1);
    byte[] oversized = Arrays.copyOf(PNG, SMALL_MAX_IMAGE_BYTES + 1024);
    ProducerRecord<byte[], byte[]> big = frame(0, "pen-l", "big");
    send(new ProducerRecord<>(topic, 0, null, big.key(), oversized, big.headers()));
    send(frame(0, "pen-l", "after-big"));
    ScriptedGateway gateway = new ScriptedGateway();
    FrameIngestion ingestion = start(settings(2), gateway, new IngestMetrics(), SMALL_MAX_IMAGE_BYTES);

    awaitCommitted(Map.of(0, 2L));
    assertThat(gateway.deliveredFrameIds()).containsExactly("after-big");
    ConsumerRecord<byte[], byte[]> dead = readDeadLetters(1).get(0);
    assertThat(Optional.ofNullable(dead.value()).map(value -> value.length)).as("the dead letter's value").isEmpty();
    assertThat(header(dead, DeadLetter.ORIGINAL_VALUE_BYTES)).isEqualTo(Integer.toString(oversized.length));
    assertThat(header(dead, DeadLetter.REASON)).isEqualTo(RejectReason.IMAGE_TOO_LARGE.code());
    assertThat(header(dead, FrameRecords.FRAME_ID)).isEqualTo("big");
    assertThat(dead.key()).isEqualTo(utf8("pen-l"));
    assertThat(ingestion.metrics().snapshot().deadLettered()).isEqualTo(Map.of("image-too-large", 1L));
    assertThat(ingestion.metrics().snapshot().restarts()).isZero();
  }

  @Test
  void aDeadLetterTooLargeForTheDeadLetterProducerIsWrittenWithoutItsValue() throws Exception {
    topics(1);
    // Within max-image-bytes, so rejected for its content, but twice what the dead-letter producer may send.
    byte[] notAnImage = new byte[2 * DEAD_LETTER_MAX_REQUEST_BYTES];
    ProducerRecord<byte[], byte[]> valid = frame(0, "pen-t", "too-large-to-copy");
    send(new ProducerRecord<>(topic, 0, null, valid.key(), notAnImage, valid.headers()));
    send(frame(0, "pen-t", "after-it"));
    ScriptedGateway gateway = new ScriptedGateway();
    FrameIngestion ingestion = start(settings(2), gateway);

    awaitCommitted(Map.of(0, 2L));
    assertThat(gateway.deliveredFrameIds()).containsExactly("after-it");
    ConsumerRecord<byte[], byte[]> dead = readDeadLetters(1).get(0);
    assertThat(Optional.ofNullable(dead.value()).map(value -> value.length)).as("the dead letter's value").isEmpty();
    assertThat(header(dead, DeadLetter.ORIGINAL_VALUE_BYTES)).isEqualTo(Integer.toString(notAnImage.length));
    assertThat(header(dead, DeadLetter.REASON)).isEqualTo(RejectReason.UNRECOGNISED_IMAGE.code());
    assertThat(header(dead, DeadLetter.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(ingestion.metrics().snapshot().deadLettered()).isEqualTo(Map.of("unrecognised-image", 1L));
    assertThat(ingestion.metrics().snapshot().restarts()).isZero();
  }

  @Test
  void aDrainStillRunningWhenCoordinatedShutdownReachesServiceStopIsAbandoned() throws Exception {
    topics(1);
    send(frame(0, "pen-z", "z-0"));
    // A node of its own, wired as IngestRole does: the drain in service-requests-done, with a short deadline.
    ActorTestKit node = ActorTestKit.create("FrameIngestionDrainDeadline", ReferenceConfig.withOverrides("""
        pekko.kafka.consumer.poll-interval = 10ms
        pekko.coordinated-shutdown.phases.service-requests-done.timeout = %d ms
        """.formatted(DRAIN_DEADLINE.toMillis())));
    try {
      ScriptedGateway gateway = new ScriptedGateway();
      gateway.answering(frame -> CompletableFuture.completedFuture(new FrameDeferred(frame.frameId(), "saturated")));
      IngestSettings quick = settings(1);
      // Retries enough for minutes: only abandoning the drain ends them before the node terminates.
      IngestSettings settings = new IngestSettings(quick.groupId(), 1, quick.maxPartitions(), quick.askTimeout(),
          quick.retry(), Integer.MAX_VALUE, quick.restart(), quick.commitMaxBatch(), quick.commitMaxInterval());
      FrameIngestion ingestion = FrameIngestion.start(node.system(), kafkaSettings(512 * 1024), settings, gateway,
          new IngestMetrics());
      await("the frame deferred again and again", () -> ingestion.metrics().snapshot().deferred() > 2);
      CompletableFuture<CompletionStage<Done>> drain = new CompletableFuture<>();
      CoordinatedShutdown.get(node.system()).addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "drain",
          () -> {
            CompletionStage<Done> stopped = ingestion.stop();
            drain.complete(stopped);
            return stopped;
          });
      // A real node spends seconds leaving the cluster after service-stop (shards handed over, member exiting).
      CompletableFuture<List<Integer>> deliveriesWhileLeaving = new CompletableFuture<>();
      CoordinatedShutdown.get(node.system()).addTask(CoordinatedShutdown.PhaseClusterLeave(), "slow-leave", () -> {
        int before = gateway.deliveries().size();
        return CompletableFuture.supplyAsync(() -> Done.getInstance(),
            CompletableFuture.delayedExecutor(SETTLE.toMillis(), TimeUnit.MILLISECONDS)).thenApply(done -> {
              deliveriesWhileLeaving.complete(List.of(before, gateway.deliveries().size()));
              return done;
            });
      });

      CoordinatedShutdown.get(node.system()).run(CoordinatedShutdown.unknownReason());
      node.system().getWhenTerminated().toCompletableFuture().get(WITHIN.toSeconds(), TimeUnit.SECONDS);
      List<Integer> leaving = deliveriesWhileLeaving.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
      assertThat(leaving.get(1)).as("deliveries while the node leaves (many retry pauses)").isEqualTo(leaving.get(0));
      assertThat(drain.join().toCompletableFuture()).failsWithin(WITHIN)
          .withThrowableThat().withMessageContaining("abandoned before its drain finished");
      assertThat(committed()).isEmpty();
    } finally {
      node.shutdownTestKit();
    }
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  /** Fast retries and restarts, commits every 100 ms, 8 partitions at most. */
  private IngestSettings settings(int inFlightPerPartition) {
    return new IngestSettings(group, inFlightPerPartition, 8, Duration.ofSeconds(5),
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 0), 5,
        new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0), 50, Duration.ofMillis(100));
  }

  private FrameIngestion start(IngestSettings settings, PenGateway gateway) {
    return start(settings, gateway, new IngestMetrics(), 512 * 1024);
  }

  private FrameIngestion start(IngestSettings settings, PenGateway gateway, IngestMetrics metrics,
      int maxImageBytes) {
    FrameIngestion ingestion = FrameIngestion.start(testKit.system(), kafkaSettings(maxImageBytes), settings,
        gateway, metrics);
    started.add(ingestion);
    return ingestion;
  }

  private KafkaSettings kafkaSettings(int maxImageBytes) {
    return new KafkaSettings(kafka.bootstrapServers(), topic, deadLetterTopic, maxImageBytes, Duration.ofMinutes(5));
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
    return TopicRecords.readExactly(kafka.bootstrapServers(), deadLetterTopic, expected, WITHIN);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
