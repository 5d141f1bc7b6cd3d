package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.node.ReferenceConfig;
import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.KafkaPosition;
import io.shoal.protocol.pen.PenProtocol.ProcessFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway asks the frame's pen through sharding, with the frame's Kafka position. The pens here are stand-ins
 * that report what they received (the real pen's end-to-end path is tested with the pen entity).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShardedPenGatewayTest {

  private static ActorTestKit testKit;
  private static TestProbe<ProcessFrame> received;
  private static ClusterSharding sharding;

  @BeforeAll
  static void startCluster() {
    testKit = ActorTestKit.create("ShardedPenGatewayTest", ReferenceConfig.withOverrides("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = "127.0.0.1"
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
        # The stand-in pens keep no journal.
        pekko.cluster.sharding.remember-entities = off
        """));
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    received = testKit.createTestProbe();
    sharding = ClusterSharding.get(testKit.system());
    // Pens whose id starts with "silent" never answer; the others accept at once.
    sharding.init(Entity.of(PenProtocol.ENTITY_TYPE_KEY, context -> Behaviors.receive(PenProtocol.Command.class)
        .onMessage(ProcessFrame.class, frame -> {
          received.ref().tell(frame);
          if (!context.getEntityId().startsWith("silent")) {
            frame.replyTo().tell(new FrameAccepted(frame.frameId(), false));
          }
          return Behaviors.same();
        })
        .build()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static FrameRecord frame(String penId) {
    return new FrameRecord(penId, "cam-7", "frame-9", 1_795_000_000_000L, FrameRecords.IMAGE_PNG,
        TestRecords.png(2, 2), 3, 42L);
  }

  @Test
  void aFrameReachesItsPenWithItsKafkaPositionAndTheAnswerComesBack() throws Exception {
    ShardedPenGateway gateway = new ShardedPenGateway(sharding, Duration.ofSeconds(20));
    FrameRecord frame = frame("pen-1");

    FrameOutcome outcome = gateway.deliver(frame).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(outcome).isEqualTo(new FrameAccepted("frame-9", false));
    ProcessFrame command = received.receiveMessage(Duration.ofSeconds(5));
    assertThat(command.frameId()).isEqualTo("frame-9");
    assertThat(command.cameraId()).isEqualTo("cam-7");
    assertThat(command.capturedAt()).isEqualTo(Instant.ofEpochMilli(1_795_000_000_000L));
    assertThat(command.image()).isEqualTo(frame.image());
    assertThat(command.position()).isEqualTo(new KafkaPosition(3, 42L));
  }

  @Test
  void aPenThatDoesNotAnswerFailsTheDeliveryWithATimeout() throws Exception {
    // Warm the shard up first, so the short timeout below measures only the silent pen.
    new ShardedPenGateway(sharding, Duration.ofSeconds(20)).deliver(frame("warm-up")).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    ShardedPenGateway gateway = new ShardedPenGateway(sharding, Duration.ofMillis(300));

    assertThatThrownBy(() -> gateway.deliver(frame("silent-1")).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void aNonPositiveTimeoutIsRefused() {
    assertThatThrownBy(() -> new ShardedPenGateway(sharding, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
