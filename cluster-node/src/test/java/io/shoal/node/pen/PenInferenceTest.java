package io.shoal.node.pen;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ReferenceConfig;
import io.shoal.node.health.HealthSettings;
import io.shoal.node.inference.InferenceListener;
import io.shoal.node.inference.InferenceService;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.OnnxModel;
import io.shoal.node.render.Condition;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameTruth;
import io.shoal.node.render.RenderedFrame;
import io.shoal.node.render.Species;
import io.shoal.protocol.inference.InferenceProtocol.Classify;
import io.shoal.protocol.inference.InferenceProtocol.Overloaded;
import io.shoal.protocol.inference.InferenceProtocol;
import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.FrameDeferred;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.KafkaPosition;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import io.shoal.protocol.pen.PenProtocol.ProcessFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pen asking inference actors for its frames: the real model, and a probe where the test must steer answers. */
class PenInferenceTest {

  private static final ActorTestKit testKit = ActorTestKit.create("PenInferenceTest",
      EventSourcedBehaviorTestKit.config().withFallback(ReferenceConfig.withOverrides("""
          shoal.inference.max-batch-size = 8
          """)));
  private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final PenSettings PEN = new PenSettings(1000, 2, 64, 4);
  private static final AtomicInteger pens = new AtomicInteger();

  private static OnnxModel model;
  private static ActorRef<InferenceProtocol.Command> pool;
  private static HealthSettings health;

  @BeforeAll
  static void startInference() {
    InferenceSettings settings = InferenceSettings.fromConfig(testKit.system().settings().config());
    model = OnnxModel.open(settings);
    pool = InferenceService.start(testKit.system(), "inference", settings, model, InferenceListener.NONE);
    health = HealthSettings.fromConfig(testKit.system().settings().config());
  }

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
    model.close();
  }

  private static ActorRef<Command> pen(ActorRef<InferenceProtocol.Command> inference, int maxInFlight) {
    return testKit.spawn(PenEntity.create("pen-" + pens.incrementAndGet(), PEN, health, Clock.systemUTC(),
        new PenInference(inference, maxInFlight, Duration.ofSeconds(10))));
  }

  private static ProcessFrame frame(int n, byte[] image, ActorRef<FrameOutcome> replyTo) {
    return new ProcessFrame("f-" + n, "cam-1", T0.plusSeconds(n), image, new KafkaPosition(0, n), replyTo);
  }

  @Test
  void framesAreClassifiedByTheRealModelAndCountedOnceEach() {
    FrameRenderer renderer = new FrameRenderer();
    List<RenderedFrame> frames = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      Condition condition = n % 4 == 0 ? Condition.LESION : Condition.HEALTHY;
      frames.add(renderer.render(1000 + n, FrameTruth.fish(Species.values()[0], condition)));
    }
    ActorRef<Command> pen = pen(pool, 4);
    TestProbe<FrameOutcome> replies = testKit.createTestProbe();
    for (int n = 0; n < frames.size(); n++) {
      pen.tell(frame(n, frames.get(n).jpeg(), replies.ref()));
    }
    pen.tell(frame(0, frames.get(0).jpeg(), replies.ref())); // redelivered
    List<FrameOutcome> outcomes = replies.receiveSeveralMessages(frames.size() + 1, PATIENCE);
    assertThat(outcomes).filteredOn(o -> o instanceof FrameAccepted a && !a.duplicate()).hasSize(frames.size());
    assertThat(outcomes).containsOnlyOnce(new FrameAccepted("f-0", true));

    TestProbe<PenHealth> healthProbe = testKit.createTestProbe();
    pen.tell(new GetHealth(healthProbe.ref()));
    PenHealth penHealth = healthProbe.receiveMessage(PATIENCE);
    assertThat(penHealth.framesAssessed()).isEqualTo(frames.size());
    // A quarter of the frames show lesions: the model (98.5 % condition accuracy) sees about that many.
    assertThat(penHealth.conditionPrevalence().get("lesion")).isBetween(0.2, 0.3);
    assertThat(penHealth.speciesMix()).containsKey(Species.values()[0].label());
  }

  @Test
  void anUndecodableImageIsRejectedWithItsCodeAndNothingIsCounted() {
    ActorRef<Command> pen = pen(pool, 4);
    TestProbe<FrameOutcome> replies = testKit.createTestProbe();
    byte[] truncated = Arrays.copyOf(new FrameRenderer().render(7, FrameTruth.NO_FISH).jpeg(), 600);
    pen.tell(frame(1, truncated, replies.ref()));
    FrameOutcome outcome = replies.receiveMessage(PATIENCE);
    assertThat(outcome).isInstanceOf(FrameRejected.class);
    assertThat(((FrameRejected) outcome).code()).isEqualTo(FrameRejected.UNDECODABLE_IMAGE);

    TestProbe<PenHealth> healthProbe = testKit.createTestProbe();
    pen.tell(new GetHealth(healthProbe.ref()));
    assertThat(healthProbe.receiveMessage(PATIENCE).framesAssessed()).isZero();
  }

  @Test
  void atMostMaxInFlightFramesWaitForInferenceAndTheRestWaitInThePen() {
    TestProbe<InferenceProtocol.Command> inference = testKit.createTestProbe();
    ActorRef<Command> pen = pen(inference.ref(), 2);
    TestProbe<FrameOutcome> replies = testKit.createTestProbe();
    byte[] image = new FrameRenderer().render(11, FrameTruth.NO_FISH).jpeg();
    for (int n = 1; n <= 5; n++) {
      pen.tell(frame(n, image, replies.ref()));
    }
    Classify first = (Classify) inference.receiveMessage(PATIENCE);
    Classify second = (Classify) inference.receiveMessage(PATIENCE);
    inference.expectNoMessage(Duration.ofMillis(300));

    // Overloaded: deferred (the sender retries later), nothing persisted, and the next stashed frame goes out.
    first.replyTo().tell(new Overloaded(first.requestId(), 1));
    assertThat(replies.receiveMessage(PATIENCE)).isEqualTo(new FrameDeferred("f-1", "inference overloaded (queue capacity 1)"));
    Classify third = (Classify) inference.receiveMessage(PATIENCE);
    inference.expectNoMessage(Duration.ofMillis(300));
    assertThat(List.of(second.requestId(), third.requestId())).allMatch(id -> id.contains("/f-2#") || id.contains("/f-3#"));

    second.replyTo().tell(new InferenceProtocol.Expired(second.requestId()));
    assertThat(replies.receiveMessage(PATIENCE)).isInstanceOf(FrameDeferred.class);
    assertThat(inference.receiveMessage(PATIENCE)).isInstanceOf(Classify.class);
  }

  @Test
  void aModelFailureDefersTheFrameInsteadOfRejectingIt() {
    TestProbe<InferenceProtocol.Command> inference = testKit.createTestProbe();
    ActorRef<Command> pen = pen(inference.ref(), 2);
    TestProbe<FrameOutcome> replies = testKit.createTestProbe();
    pen.tell(frame(1, new FrameRenderer().render(12, FrameTruth.NO_FISH).jpeg(), replies.ref()));
    Classify request = (Classify) inference.receiveMessage(PATIENCE);
    request.replyTo().tell(new InferenceProtocol.Failed(request.requestId(), "inference failed: CUDA out of memory"));
    assertThat(replies.receiveMessage(PATIENCE))
        .isEqualTo(new FrameDeferred("f-1", "inference failed: CUDA out of memory"));
  }

  @Test
  void persistedEventsArePublishedLiveOnThePensTopicWithTheirSequenceNumbers() {
    String penId = "pen-live-" + pens.incrementAndGet();
    TestProbe<PenEventEnvelope> subscriber = testKit.createTestProbe();
    ActorRef<Topic.Command<PenEventEnvelope>> topic =
        testKit.spawn(Topic.create(PenEventEnvelope.class, PenEventEnvelope.topicName(penId)));
    topic.tell(Topic.subscribe(subscriber.ref()));
    ActorRef<Command> pen = testKit.spawn(PenEntity.create(penId, pool));
    TestProbe<FrameOutcome> replies = testKit.createTestProbe();
    byte[] image = new FrameRenderer().render(21, FrameTruth.fish(Species.values()[0], Condition.HEALTHY)).jpeg();

    // The pen's topic learns of the subscriber through the receptionist: send frames until events arrive.
    List<PenEventEnvelope> received = new ArrayList<>();
    for (int n = 1; received.isEmpty() && n <= 20; n++) {
      pen.tell(frame(n, image, replies.ref()));
      assertThat(replies.receiveMessage(PATIENCE)).isInstanceOf(FrameAccepted.class);
      try {
        received.add(subscriber.receiveMessage(Duration.ofMillis(300)));
      } catch (AssertionError notYet) {
        // not propagated yet
      }
    }
    assertThat(received).isNotEmpty();
    pen.tell(frame(100, image, replies.ref()));
    assertThat(replies.receiveMessage(PATIENCE)).isEqualTo(new FrameAccepted("f-100", false));
    received.addAll(subscriber.fishForMessage(PATIENCE,
        envelope -> envelope.event() instanceof FrameAssessed assessed && assessed.frameId().equals("f-100")
            ? FishingOutcomes.complete()
            : FishingOutcomes.continueAndCollect()));
    // Every event from the first one seen on, each with the next sequence number: nothing skipped, nothing twice.
    assertThat(received).allSatisfy(envelope -> assertThat(envelope.penId()).isEqualTo(penId));
    for (int i = 1; i < received.size(); i++) {
      assertThat(received.get(i).sequenceNr()).isEqualTo(received.get(i - 1).sequenceNr() + 1);
    }
  }
}
