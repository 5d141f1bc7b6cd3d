package io.shoal.node.pen;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ReferenceConfig;
import io.shoal.node.health.HealthSettings;
import io.shoal.protocol.inference.InferenceProtocol;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.AssessFrame;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import io.shoal.protocol.pen.PenProtocol;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Pens as sharded entities on a one-node cluster with the {@code ingest} role, on the in-memory journal. */
class PenShardingTest {

  private static final ActorTestKit testKit = ActorTestKit.create("PenShardingTest",
      EventSourcedBehaviorTestKit.config().withFallback(ReferenceConfig.withOverrides("""
          pekko.actor.provider = cluster
          pekko.remote.artery.canonical.hostname = "127.0.0.1"
          pekko.remote.artery.canonical.port = 0
          pekko.cluster.roles = [ingest]
          pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
          """)));

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void framesReachTheirPenThroughShardingAndArePersistedOnce() {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    ClusterSharding sharding = ClusterSharding.get(testKit.system());
    PenEntity.initSharding(testKit.system(), sharding, "ingest", testKit.<InferenceProtocol.Command>createTestProbe().ref());

    EntityRef<PenProtocol.Command> penA = sharding.entityRefFor(PenProtocol.ENTITY_TYPE_KEY, "pen-a");
    EntityRef<PenProtocol.Command> penB = sharding.entityRefFor(PenProtocol.ENTITY_TYPE_KEY, "pen-b");
    TestProbe<FrameOutcome> outcomes = testKit.createTestProbe();
    Instant t0 = Instant.parse("2026-11-26T06:00:00Z");
    for (String frame : new String[] {"f1", "f2", "f1"}) {
      penA.tell(new AssessFrame(frame, "cam-1", t0, PenEntityTest.fish("healthy"), null, outcomes.ref()));
    }
    penB.tell(new AssessFrame("f1", "cam-1", t0, PenEntityTest.fish("healthy"), null, outcomes.ref()));
    Duration patience = Duration.ofSeconds(30); // the cluster forms and the shard allocates within this
    assertThat(outcomes.receiveSeveralMessages(4, patience)).containsExactlyInAnyOrder(
        new FrameAccepted("f1", false), new FrameAccepted("f2", false), new FrameAccepted("f1", true),
        new FrameAccepted("f1", false));

    TestProbe<PenHealth> health = testKit.createTestProbe();
    penA.tell(new GetHealth(health.ref()));
    PenHealth a = health.receiveMessage(patience);
    assertThat(a.penId()).isEqualTo("pen-a");
    assertThat(a.framesAssessed()).isEqualTo(2);
    assertThat(a.status()).isEqualTo(HealthStatus.OK);
    assertThat(a.thresholds()).isEqualTo(
        HealthSettings.fromConfig(testKit.system().settings().config()).defaultThresholds());
  }
}
