package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.MutableClock;
import io.shoal.protocol.inference.InferenceProtocol.Classified;
import io.shoal.protocol.inference.InferenceProtocol.Classify;
import io.shoal.protocol.inference.InferenceProtocol.Command;
import io.shoal.protocol.inference.InferenceProtocol.Expired;
import io.shoal.protocol.inference.InferenceProtocol.Failed;
import io.shoal.protocol.inference.InferenceProtocol.Undecodable;
import io.shoal.protocol.inference.InferenceProtocol.Overloaded;
import io.shoal.protocol.inference.InferenceProtocol.Reply;
import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dynamic batcher, against the real model at the default location. Tests hold batches with a
 * {@link GatedExecutor} and move deadlines with a {@link MutableClock} instead of sleeping; preprocessing runs
 * synchronously (a direct executor) so that once the worker has handled a Classify, the image is already on its
 * way into the ready queue.
 */
class InferenceWorkerTest {

  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration LONG_DELAY = Duration.ofMinutes(10);
  private static final Duration FAR = Duration.ofDays(1);

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static OnnxModel model;
  private static ImagePreprocessor preprocessor;
  private static byte[] frame;

  private final ExecutorService inferenceThread = Executors.newSingleThreadExecutor();
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final RecordingListener listener = new RecordingListener();
  private final TestProbe<Reply> probe = testKit.createTestProbe();
  private final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void openModel() {
    InferenceSettings settings = TestConfig.defaultSettings();
    model = OnnxModel.open(settings);
    preprocessor = new ImagePreprocessor(model.manifest().input(), settings.preprocessing());
    frame = TestImages.jpeg(1);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
    model.close();
  }

  @AfterEach
  void stopThreads() {
    inferenceThread.shutdownNow();
  }

  @Test
  void fillsBatchesUpToMaxBatchSizeUnderLoad() {
    // With a delay that never fires, a batch runs only when max-batch-size requests are ready.
    ActorRef<Command> worker = spawn(batching(4, LONG_DELAY, 16), model, inferenceThread, preprocessor);

    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 12; i++) sent.add(classify(worker, frame, FAR));

    assertThat(receiveAll(sent)).allSatisfy((id, reply) -> assertThat(reply).isInstanceOf(Classified.class));
    assertThat(listener.completed()).containsExactly(4, 4, 4);
  }

  @Test
  void aBacklogIsDrainedInFullBatchesAsSoonAsTheRunningBatchEnds() throws Exception {
    try (GatedExecutor gate = new GatedExecutor()) {
      ActorRef<Command> worker = spawn(batching(4, Duration.ofMillis(200), 16), model, gate, preprocessor);
      String first = classify(worker, frame, FAR);
      gate.awaitSubmitted(1, REPLY_TIMEOUT); // the lone first request left after max-batch-delay and is held

      List<String> backlog = new ArrayList<>();
      for (int i = 0; i < 9; i++) backlog.add(classify(worker, frame, FAR));
      awaitIntakeOfEverythingSentSoFar(worker);
      gate.open();

      backlog.add(0, first);
      assertThat(receiveAll(backlog)).allSatisfy((id, reply) -> assertThat(reply).isInstanceOf(Classified.class));
      // Never more than max-batch-size, and the backlog did not wait for max-batch-delay between batches.
      assertThat(listener.completed()).containsExactly(1, 4, 4, 1);
    }
  }

  @Test
  void reportsEachRequestsQueueTimeAndAQueueDepthThatReturnsToZero() throws Exception {
    try (GatedExecutor gate = new GatedExecutor()) {
      ActorRef<Command> worker = spawn(batching(4, Duration.ofMillis(50), 16), model, gate, preprocessor);
      String first = classify(worker, frame, FAR);
      gate.awaitSubmitted(1, REPLY_TIMEOUT); // the first batch (of one) is held
      List<String> backlog = new ArrayList<>();
      for (int i = 0; i < 3; i++) backlog.add(classify(worker, frame, FAR));
      awaitIntakeOfEverythingSentSoFar(worker);
      assertThat(listener.queueDepth.get()).isEqualTo(4); // accepted, none answered
      Duration held = Duration.ofMillis(200);
      Thread.sleep(held.toMillis());
      gate.open();

      backlog.add(0, first);
      assertThat(receiveAll(backlog)).allSatisfy((id, reply) -> assertThat(reply).isInstanceOf(Classified.class));
      assertThat(listener.queueDepth.get()).isZero();
      assertThat(listener.queuedNanos).hasSize(4);
      // Decoding is timed apart from queueing, once per image, and never counts as time spent waiting for a batch.
      assertThat(listener.preprocessedNanos).hasSize(4).allSatisfy(nanos -> assertThat(nanos).isPositive());
      // The backlog waited behind the held batch: its queue time includes the hold; the first request's does not.
      assertThat(listener.queuedNanos.subList(1, 4)).allSatisfy(nanos -> assertThat(nanos).isGreaterThan(held.toNanos()));
      assertThat(listener.queuedNanos.get(0)).isLessThan(held.toNanos());
    }
  }

  @Test
  void aStoppedWorkerTakesWhatItStillHeldOutOfTheQueueDepth() throws Exception {
    try (GatedExecutor gate = new GatedExecutor()) {
      ActorRef<Command> worker = spawn(batching(4, Duration.ofMillis(50), 16), model, gate, preprocessor);
      classify(worker, frame, FAR);
      gate.awaitSubmitted(1, REPLY_TIMEOUT); // the first batch is held, so nothing is answered
      classify(worker, frame, FAR);
      awaitIntakeOfEverythingSentSoFar(worker);
      assertThat(listener.queueDepth.get()).isEqualTo(2);

      testKit.stop(worker);
      assertThat(listener.queueDepth.get()).isZero();
    }
  }

  @Test
  void eachRequestInABatchGetsThePredictionForItsOwnImage() throws Exception {
    List<byte[]> images = Predictions.distinguishableFrames(4, model, preprocessor);
    ActorRef<Command> worker = spawn(batching(4, LONG_DELAY, 16), model, inferenceThread, preprocessor);

    // Two full batches through the same buffer, the second in the opposite order.
    Map<String, byte[]> sent = new LinkedHashMap<>();
    for (int i = 0; i < images.size(); i++) sent.put(classify(worker, images.get(i), FAR), images.get(i));
    for (int i = images.size() - 1; i >= 0; i--) sent.put(classify(worker, images.get(i), FAR), images.get(i));

    assertClassifiedLikeTheModelAlone(receiveAll(new ArrayList<>(sent.keySet())), sent);
    assertThat(listener.completed()).containsExactly(4, 4);
  }

  @Test
  void flushesALoneRequestAfterMaxBatchDelay() {
    Duration delay = Duration.ofMillis(300);
    ActorRef<Command> worker = spawn(batching(8, delay, 16), model, inferenceThread, preprocessor);

    long start = System.nanoTime();
    String id = classify(worker, frame, FAR);
    Reply reply = probe.receiveMessage(REPLY_TIMEOUT);
    long waitedNanos = System.nanoTime() - start;

    assertThat(reply).isInstanceOf(Classified.class).extracting(Reply::requestId).isEqualTo(id);
    assertThat(listener.completed()).containsExactly(1);
    // It did wait for company first: the flush timer cannot fire before the delay.
    assertThat(Duration.ofNanos(waitedNanos)).isGreaterThanOrEqualTo(delay);
    assertClassifiedAfterwards(worker);
  }

  @Test
  void answersOverloadedAtOnceWhenTheQueueIsFull() throws Exception {
    try (GatedExecutor gate = new GatedExecutor()) {
      ActorRef<Command> worker = spawn(batching(2, Duration.ofMillis(50), 2), model, gate, preprocessor);
      List<String> accepted = List.of(classify(worker, frame, FAR), classify(worker, frame, FAR));
      gate.awaitSubmitted(1, REPLY_TIMEOUT);

      String rejected = classify(worker, frame, FAR);
      // Answered while the batch is still held: the worker did not wait for room.
      Reply reply = probe.receiveMessage(REPLY_TIMEOUT);
      assertThat(reply).isEqualTo(new Overloaded(rejected, 2));

      gate.open();
      assertThat(receiveAll(accepted)).allSatisfy((id, r) -> assertThat(r).isInstanceOf(Classified.class));
      assertThat(listener.overloaded).hasValue(1);
      assertClassifiedAfterwards(worker);
    }
  }

  @Test
  void answersExpiredWithoutComputingRequestsWhoseDeadlinePassed() throws Exception {
    try (GatedExecutor gate = new GatedExecutor()) {
      ActorRef<Command> worker = spawn(batching(4, Duration.ofMillis(50), 16), model, gate, preprocessor);
      String running = classify(worker, frame, FAR);
      gate.awaitSubmitted(1, REPLY_TIMEOUT);

      // Stale on arrival: answered at intake.
      String staleOnArrival = classify(worker, frame, Duration.ofMillis(-1));
      assertThat(probe.receiveMessage(REPLY_TIMEOUT)).isEqualTo(new Expired(staleOnArrival));

      // Accepted in time, then its deadline passes while it waits behind the held batch.
      String goesStale = classify(worker, frame, Duration.ofSeconds(10));
      String fresh = classify(worker, frame, FAR);
      awaitIntakeOfEverythingSentSoFar(worker);
      clock.advance(Duration.ofMinutes(1));
      gate.open();

      Map<String, Reply> replies = receiveAll(List.of(running, goesStale, fresh));
      assertThat(replies.get(goesStale)).isEqualTo(new Expired(goesStale));
      assertThat(replies.get(running)).isInstanceOf(Classified.class);
      assertThat(replies.get(fresh)).isInstanceOf(Classified.class);
      // Two images computed, one per batch: the expired one never reached the model.
      assertThat(listener.completed()).containsExactly(1, 1);
      assertThat(listener.expired).hasValue(3); // the two above plus the intake probe
    }
  }

  @Test
  void answersUndecodableForAnUndecodableOrOversizedImage() {
    ImagePreprocessor tight = new ImagePreprocessor(model.manifest().input(),
        new InferenceSettings.Preprocessing(TestImages.FRAME_WIDTH * TestImages.FRAME_HEIGHT, true));
    ActorRef<Command> worker = spawn(batching(4, Duration.ofMillis(20), 16), model, inferenceThread, tight);

    String garbage = classify(worker, "not an image at all".getBytes(), FAR);
    Reply first = probe.receiveMessage(REPLY_TIMEOUT);
    assertThat(first.requestId()).isEqualTo(garbage);
    assertThat(first).isInstanceOfSatisfying(Undecodable.class,
        f -> assertThat(f.reason()).startsWith("undecodable image: "));

    byte[] huge = TestImages.encode(new java.awt.image.BufferedImage(TestImages.FRAME_WIDTH + 1,
        TestImages.FRAME_HEIGHT, java.awt.image.BufferedImage.TYPE_3BYTE_BGR), "png");
    String oversized = classify(worker, huge, FAR);
    Reply second = probe.receiveMessage(REPLY_TIMEOUT);
    assertThat(second.requestId()).isEqualTo(oversized);
    assertThat(second).isInstanceOfSatisfying(Undecodable.class,
        f -> assertThat(f.reason()).startsWith("image too large: "));

    assertThat(listener.rejected).hasValue(2);
    assertThat(listener.completed()).isEmpty();
    assertClassifiedAfterwards(worker);
  }

  @Test
  void answersFailedToEveryMemberWhenTheModelThrowsAndCarriesOn() {
    AtomicInteger calls = new AtomicInteger();
    BatchModel failsOnce = new BatchModel() {
      @Override
      public ModelManifest manifest() {
        return model.manifest();
      }

      @Override
      public List<Prediction> classify(FloatBuffer batch, int count) throws Exception {
        if (calls.getAndIncrement() == 0) throw new IllegalStateException("simulated device error");
        return model.classify(batch, count);
      }
    };
    ActorRef<Command> worker = spawn(batching(3, LONG_DELAY, 16), failsOnce, inferenceThread, preprocessor);

    List<String> doomed = List.of(classify(worker, frame, FAR), classify(worker, frame, FAR),
        classify(worker, frame, FAR));

    assertThat(receiveAll(doomed)).allSatisfy((id, reply) -> assertThat(reply).isInstanceOfSatisfying(Failed.class,
        f -> assertThat(f.reason()).isEqualTo("inference failed: IllegalStateException: simulated device error")));
    assertThat(listener.failedBatchSizes).containsExactly(3);

    List<String> next = List.of(classify(worker, frame, FAR), classify(worker, frame, FAR),
        classify(worker, frame, FAR));
    assertThat(receiveAll(next)).allSatisfy((id, reply) -> assertThat(reply).isInstanceOf(Classified.class));
    assertThat(listener.completed()).containsExactly(3);
  }

  @Test
  void aThrowingListenerCostsNoReplyAndTheQueueBoundStillHolds() throws Exception {
    AtomicInteger throwsLeft = new AtomicInteger(1);
    InferenceListener throwsOnce = new InferenceListener() {
      @Override
      public void batchCompleted(int size, long runNanos) {
        listener.batchCompleted(size, runNanos);
        if (throwsLeft.getAndDecrement() > 0) throw new IllegalStateException("simulated listener bug");
      }

      @Override
      public void overloaded() {
        listener.overloaded();
      }
    };
    try (GatedExecutor firstBatch = new GatedExecutor(); GatedExecutor laterBatches = new GatedExecutor()) {
      AtomicReference<Executor> inference = new AtomicReference<>(firstBatch);
      ActorRef<Command> worker = spawn(batching(2, LONG_DELAY, 4), model, task -> inference.get().execute(task),
          preprocessor, throwsOnce);

      List<String> first = List.of(classify(worker, frame, FAR), classify(worker, frame, FAR));
      firstBatch.awaitSubmitted(1, REPLY_TIMEOUT);
      inference.set(laterBatches);
      firstBatch.open();
      assertClassifiedLikeTheModelAlone(receiveAll(first), Map.of(first.get(0), frame, first.get(1), frame));
      assertThat(throwsLeft).hasValue(0); // it did throw, on that batch

      // The worker's count survived: with the next batch held, exactly queue-capacity requests are taken in.
      List<String> accepted = new ArrayList<>();
      for (int i = 0; i < 4; i++) accepted.add(classify(worker, frame, FAR));
      laterBatches.awaitSubmitted(1, REPLY_TIMEOUT);
      String rejected = classify(worker, frame, FAR);
      assertThat(probe.receiveMessage(REPLY_TIMEOUT)).isEqualTo(new Overloaded(rejected, 4));

      laterBatches.open();
      Map<String, byte[]> images = new HashMap<>();
      accepted.forEach(id -> images.put(id, frame));
      assertClassifiedLikeTheModelAlone(receiveAll(accepted), images);
      assertThat(listener.completed()).containsExactly(2, 2, 2);
    }
  }

  @Test
  void answersUndecodableForAMissingImageAndDropsARequestNobodyCanBeAnswered() {
    ActorRef<Command> worker = spawn(batching(1, Duration.ZERO, 1), model, inferenceThread, preprocessor);

    worker.tell(new Classify("no-reply-to", frame, null, null));
    worker.tell(new Classify("null-image", null, null, probe.getRef()));
    worker.tell(new Classify("empty-image", new byte[0], null, probe.getRef()));

    assertThat(probe.receiveMessage(REPLY_TIMEOUT))
        .isEqualTo(new Undecodable("null-image", "undecodable image: no bytes"));
    assertThat(probe.receiveMessage(REPLY_TIMEOUT))
        .isEqualTo(new Undecodable("empty-image", "undecodable image: no bytes"));
    assertThat(listener.rejected).hasValue(2);
    // None of them took the only queue slot.
    assertClassifiedAfterwards(worker);
  }

  // --- helpers ---

  private static InferenceSettings.Batching batching(int maxBatchSize, Duration delay, int queueCapacity) {
    return new InferenceSettings.Batching(maxBatchSize, delay, queueCapacity);
  }

  private ActorRef<Command> spawn(InferenceSettings.Batching batching, BatchModel batchModel, Executor inference,
      ImagePreprocessor pre) {
    return spawn(batching, batchModel, inference, pre, listener);
  }

  private ActorRef<Command> spawn(InferenceSettings.Batching batching, BatchModel batchModel, Executor inference,
      ImagePreprocessor pre, InferenceListener hooks) {
    Clock deadlines = clock;
    InferenceWorker.Dependencies deps =
        new InferenceWorker.Dependencies(batchModel, pre, Runnable::run, inference, deadlines, hooks);
    return testKit.spawn(InferenceWorker.create(batching, deps));
  }

  private String classify(ActorRef<Command> worker, byte[] image, Duration deadlineIn) {
    String id = "r" + ids.incrementAndGet();
    worker.tell(new Classify(id, image, clock.instant().plus(deadlineIn), probe.getRef()));
    return id;
  }

  /**
   * Sends an already-expired request and waits for its answer: the worker handles messages in order, so by then it
   * has taken in every earlier Classify (and, preprocessing synchronously, queued their images).
   */
  private void awaitIntakeOfEverythingSentSoFar(ActorRef<Command> worker) {
    String marker = "intake-marker-" + ids.incrementAndGet();
    worker.tell(new Classify(marker, frame, clock.instant().minusSeconds(1), probe.getRef()));
    assertThat(probe.receiveMessage(REPLY_TIMEOUT)).isEqualTo(new Expired(marker));
  }

  private Map<String, Reply> receiveAll(List<String> ids) {
    Map<String, Reply> replies = new HashMap<>();
    for (Reply r : probe.receiveSeveralMessages(ids.size(), REPLY_TIMEOUT)) {
      assertThat(replies.put(r.requestId(), r)).as("second reply to %s", r.requestId()).isNull();
    }
    assertThat(replies.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    probe.expectNoMessage(Duration.ofMillis(100));
    return replies;
  }

  /** Each reply is Classified with what the model says about that request's image run on its own. */
  private static void assertClassifiedLikeTheModelAlone(Map<String, Reply> replies, Map<String, byte[]> images)
      throws Exception {
    assertThat(replies.keySet()).isEqualTo(images.keySet());
    for (Map.Entry<String, Reply> e : replies.entrySet()) {
      assertThat(e.getValue()).as("reply to %s", e.getKey()).isInstanceOfSatisfying(Classified.class,
          c -> Predictions.assertSame(c.prediction(), Predictions.alone(model, preprocessor, images.get(e.getKey()))));
    }
  }

  /** (f): whatever happened before, the worker still classifies a valid frame. */
  private void assertClassifiedAfterwards(ActorRef<Command> worker) {
    String id = classify(worker, frame, FAR);
    Reply reply = probe.receiveMessage(REPLY_TIMEOUT);
    assertThat(reply).isInstanceOf(Classified.class).extracting(Reply::requestId).isEqualTo(id);
    Prediction p = ((Classified) reply).prediction();
    assertThat(p.modelVersion()).isEqualTo(model.manifest().modelVersion());
  }
}
