package io.shoal.node.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import io.shoal.node.ClusterOnPostgres;
import io.shoal.node.Eventually;
import io.shoal.node.MutableClock;
import io.shoal.node.health.HealthSettings;
import io.shoal.node.pen.PenEntity;
import io.shoal.node.pen.PenSettings;
import io.shoal.persistence.DataSources;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import io.shoal.persistence.Migrations;
import io.shoal.protocol.inference.LabelScore;
import io.shoal.protocol.inference.Prediction;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeAlert;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeOutcome;
import io.shoal.protocol.pen.PenProtocol.Acknowledged;
import io.shoal.protocol.pen.PenProtocol.AssessFrame;
import io.shoal.protocol.pen.PenProtocol.CheckCameras;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.KafkaPosition;
import io.shoal.protocol.pen.PenProtocol.OpenAlert;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * A one-node cluster (role {@value #ROLE}, so ShardedDaemonProcess runs the projections here) journaling real pen
 * entities to an embedded, migrated PostgreSQL through reference.conf's jdbc journal, plus the pen story both
 * read-side tests replay.
 */
final class ReadSideNode implements AutoCloseable {

  static final String ROLE = "ingest";
  static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
  /** The entities' clock: alerts and status changes carry this time. */
  static final Instant NOW = T0.plusSeconds(3600);
  /** When the story's silent camera is checked: an hour after its last frame reached the pen. */
  static final Instant LATER = NOW.plusSeconds(3600);

  /** The pens' clock: NOW while frames arrive, LATER for the silent hour (see liveThroughTheStory). */
  final MutableClock clock = new MutableClock(NOW);
  /** Plenty for the plugin's first connection, cluster formation and the projections' first poll. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  final EmbeddedPostgres postgres;
  final HikariDataSource dataSource;
  final Config config;
  private final String name;
  ActorTestKit kit;

  private ReadSideNode(String name, EmbeddedPostgres postgres, HikariDataSource dataSource, Config config) {
    this.name = name;
    this.postgres = postgres;
    this.dataSource = dataSource;
    this.config = config;
  }

  /** Starts PostgreSQL, migrates it, and forms the cluster; {@code overrides} go over reference.conf. */
  static ReadSideNode start(String name, Map<String, Object> overrides) throws Exception {
    EmbeddedPostgres postgres = ClusterOnPostgres.startPostgres();
    Map<String, Object> all = new HashMap<>(Map.of("pekko.cluster.roles", List.of(ROLE)));
    all.putAll(overrides);
    Config config = ClusterOnPostgres.config(postgres, all);
    DatabaseSettings db = DatabaseSettings.fromConfig(config);
    Migrations.apply(db);
    HikariDataSource dataSource = DataSources.create(db, name);
    ReadSideNode node = new ReadSideNode(name, postgres, dataSource, config);
    node.startActorSystem();
    return node;
  }

  private void startActorSystem() throws Exception {
    kit = ActorTestKit.create(name, config);
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    eventually("the one-node cluster is up", () -> cluster.selfMember().status() == MemberStatus.up());
  }

  /** A node crash and restart: a new ActorSystem (and cluster) on the same database. */
  void restartActorSystem() throws Exception {
    kit.shutdownTestKit();
    startActorSystem();
  }

  ActorRef<Command> spawnPen(String penId) {
    return kit.spawn(PenEntity.create(penId, PenSettings.fromConfig(config), HealthSettings.fromConfig(config),
        clock), "pen-" + penId);
  }

  /** Frame {@code n} of {@code camera}, captured n seconds after T0, with fish of {@code condition}. */
  void frame(ActorRef<Command> pen, String camera, int n, String condition) {
    TestProbe<FrameOutcome> reply = kit.createTestProbe();
    Prediction prediction = new Prediction("shoal-fish:1", true, new LabelScore("salmon", 0.9f),
        new LabelScore(condition, 0.7f), List.of(new LabelScore("salmon", 0.9f), new LabelScore("no_fish", 0.1f)),
        List.of(new LabelScore(condition, 0.7f), new LabelScore("other", 0.3f)));
    String frameId = camera + "-" + n;
    pen.tell(new AssessFrame(frameId, camera, T0.plusSeconds(n), prediction, new KafkaPosition(0, n), reply.ref()));
    assertThat(reply.receiveMessage(PATIENCE)).isEqualTo(new FrameAccepted(frameId, false));
  }

  PenHealth health(ActorRef<Command> pen) {
    TestProbe<PenHealth> probe = kit.createTestProbe();
    pen.tell(new GetHealth(probe.ref()));
    return probe.receiveMessage(PATIENCE);
  }

  /**
   * A pen's eventful life on reference.conf's policy (30 fish frames minimum, lesion warns at 10 %, clears below
   * 8 %, cameras silent 2 minutes go offline): OK; 6 lesion frames in 40 make it WARNING with a lesion alert,
   * which "ops" acknowledges; 36 healthy frames clear it (6/76 < 8 %); an hour of silence takes cam-1 offline
   * (UNKNOWN, camera alert); one more frame brings it back (OK, alert resolved). 77 frames in all. Everything
   * happens at NOW, except the camera check and the last frame, an hour LATER.
   */
  void liveThroughTheStory(ActorRef<Command> pen) {
    clock.set(NOW);
    for (int n = 1; n <= 40; n++) {
      frame(pen, "cam-1", n, n <= 34 ? "healthy" : "lesion");
    }
    List<OpenAlert> open = health(pen).openAlerts();
    assertThat(open).hasSize(1);
    TestProbe<AcknowledgeOutcome> acknowledged = kit.createTestProbe();
    pen.tell(new AcknowledgeAlert(open.get(0).alertId(), "ops", acknowledged.ref()));
    assertThat(acknowledged.receiveMessage(PATIENCE)).isEqualTo(new Acknowledged(open.get(0).alertId(), "ops"));
    for (int n = 41; n <= 76; n++) {
      frame(pen, "cam-1", n, "healthy");
    }
    assertThat(health(pen).openAlerts()).isEmpty();
    clock.set(LATER);
    pen.tell(new CheckCameras(LATER));
    assertThat(health(pen).openAlerts()).hasSize(1);
    frame(pen, "cam-1", 3600, "healthy");
    assertThat(health(pen).openAlerts()).isEmpty();
  }

  static final int STORY_FRAMES = 77;

  /** Waits until {@code condition} holds (polling, bounded by {@link #PATIENCE}). */
  static void eventually(String what, Callable<Boolean> condition) throws Exception {
    Eventually.until(what, PATIENCE, condition);
  }

  @Override
  public void close() throws Exception {
    try {
      kit.shutdownTestKit();
    } finally {
      try {
        dataSource.close();
      } finally {
        postgres.close();
      }
    }
  }
}
