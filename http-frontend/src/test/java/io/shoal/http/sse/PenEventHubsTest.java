package io.shoal.http.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The hub registry on a plain (one-process) actor system: one topic subscription per pen whatever the number of
 * streams, the node-wide bound, and hubs stopping behind their last stream. The cluster case is in cluster-node.
 */
class PenEventHubsTest {

  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final SseSettings SETTINGS = new SseSettings(Duration.ofSeconds(15), 16, 3,
      Duration.ofMillis(300), Duration.ofSeconds(3), "unused");

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void streamsOfOnePenShareOneTopicSubscriptionAndAllGetItsEvents() {
    ActorRef<PenEventHubs.Command> hubs = KIT.spawn(PenEventHubs.create(SETTINGS));
    assertThat(admit(hubs, "pen-a")).isEqualTo(new PenEventHubs.Admitted("pen-a"));
    TestProbe<LiveSignal> one = subscribe(hubs, "pen-a");
    TestProbe<LiveSignal> two = subscribe(hubs, "pen-a");
    one.expectMessage(WAIT, LiveSignal.Joined.INSTANCE);
    two.expectMessage(WAIT, LiveSignal.Joined.INSTANCE);

    // The pen's side: its own topic instance publishing, as PenEntity does.
    ActorRef<Topic.Command<PenEventEnvelope>> pen =
        KIT.spawn(Topic.create(PenEventEnvelope.class, PenEventEnvelope.topicName("pen-a")));
    PenEventEnvelope event = new PenEventEnvelope("pen-a", 1, new AlertResolved("a-1", Instant.EPOCH));
    awaitPublished(hubs, pen, event);
    assertThat(one.expectMessageClass(LiveSignal.Live.class, WAIT).envelope()).isEqualTo(event);
    assertThat(two.expectMessageClass(LiveSignal.Live.class, WAIT).envelope()).isEqualTo(event);

    PenEventHubs.Stats stats = stats(hubs, "pen-a");
    assertThat(stats.nodeHubs()).isEqualTo(1);
    assertThat(stats.subscribers()).isEqualTo(2);
    assertThat(stats.topicSubscribers()).isEqualTo(1);
    assertThat(stats.topicInstances()).isEqualTo(1);
  }

  @Test
  void theNodeServesAtMostMaxSubscribersAndFreesSlotsWhenStreamsEnd() throws Exception {
    ActorRef<PenEventHubs.Command> hubs = KIT.spawn(PenEventHubs.create(SETTINGS));
    TestProbe<LiveSignal> a = subscribe(hubs, "pen-b");
    subscribe(hubs, "pen-b");
    subscribe(hubs, "pen-c");
    assertThat(admit(hubs, "pen-d")).isInstanceOf(PenEventHubs.Refused.class);
    TestProbe<LiveSignal> refused = subscribe(hubs, "pen-d");
    assertThat(refused.expectMessageClass(LiveSignal.Refused.class, WAIT).reason()).contains("maximum of 3");

    a.stop();
    awaitAssert(() -> assertThat(stats(hubs, "pen-b").nodeSubscribers()).isEqualTo(2));
    assertThat(admit(hubs, "pen-d")).isEqualTo(new PenEventHubs.Admitted("pen-d"));
  }

  @Test
  void aHubStopsAfterItsLastStreamLeftAndTheNextStreamStartsAFreshOne() {
    ActorRef<PenEventHubs.Command> hubs = KIT.spawn(PenEventHubs.create(SETTINGS));
    TestProbe<LiveSignal> only = subscribe(hubs, "pen-e");
    only.expectMessage(WAIT, LiveSignal.Joined.INSTANCE);
    assertThat(stats(hubs, "pen-e").nodeHubs()).isEqualTo(1);
    only.stop();
    awaitAssert(() -> assertThat(stats(hubs, "pen-e").nodeHubs()).isZero());

    TestProbe<LiveSignal> next = subscribe(hubs, "pen-e");
    next.expectMessage(WAIT, LiveSignal.Joined.INSTANCE);
    assertThat(stats(hubs, "pen-e").subscribers()).isEqualTo(1);
  }

  @Test
  void aHubStartedByAnAdmissionWhoseStreamNeverCameStops() {
    ActorRef<PenEventHubs.Command> hubs = KIT.spawn(PenEventHubs.create(SETTINGS));
    admit(hubs, "pen-f");
    assertThat(stats(hubs, "pen-f").nodeHubs()).isEqualTo(1);
    awaitAssert(() -> assertThat(stats(hubs, "pen-f").nodeHubs()).isZero());
  }

  private static PenEventHubs.Admission admit(ActorRef<PenEventHubs.Command> hubs, String penId) {
    TestProbe<PenEventHubs.Admission> reply = KIT.createTestProbe();
    hubs.tell(new PenEventHubs.Admit(penId, reply.ref()));
    return reply.receiveMessage(WAIT);
  }

  private static TestProbe<LiveSignal> subscribe(ActorRef<PenEventHubs.Command> hubs, String penId) {
    TestProbe<LiveSignal> subscriber = KIT.createTestProbe();
    hubs.tell(new PenEventHubs.Subscribe(penId, subscriber.ref()));
    return subscriber;
  }

  private static PenEventHubs.Stats stats(ActorRef<PenEventHubs.Command> hubs, String penId) {
    TestProbe<PenEventHubs.Stats> reply = KIT.createTestProbe();
    hubs.tell(new PenEventHubs.GetStats(penId, reply.ref()));
    return reply.receiveMessage(WAIT);
  }

  /** The publisher's topic learns of the hub's through the receptionist: publish once it has. */
  private static void awaitPublished(ActorRef<PenEventHubs.Command> hubs,
      ActorRef<Topic.Command<PenEventEnvelope>> pen, PenEventEnvelope event) {
    TestProbe<Topic.TopicStats> topicStats = KIT.createTestProbe();
    awaitAssert(() -> {
      pen.tell(Topic.getTopicStats(topicStats.ref()));
      assertThat(topicStats.receiveMessage(WAIT).topicInstanceCount()).isEqualTo(1);
    });
    pen.tell(Topic.publish(event));
  }

  private static void awaitAssert(Runnable assertion) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
