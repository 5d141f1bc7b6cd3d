package io.shoal.node.sse;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.shoal.http.auth.Guard;
import io.shoal.http.auth.Principal;
import io.shoal.http.auth.Role;
import io.shoal.http.server.ApiException;
import io.shoal.http.sse.PenEventFeed;
import io.shoal.http.sse.PenEventFilter;
import io.shoal.http.sse.PenEventHubs;
import io.shoal.http.sse.PenEventJson;
import io.shoal.http.sse.PenEventsRoute;
import io.shoal.http.sse.SseSettings;
import io.shoal.node.ClusterOnPostgres;
import io.shoal.node.Eventually;
import io.shoal.node.pen.PenEntity;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import io.shoal.persistence.Migrations;
import io.shoal.protocol.inference.InferenceProtocol;
import io.shoal.protocol.inference.LabelScore;
import io.shoal.protocol.inference.Prediction;
import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeAlert;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeOutcome;
import io.shoal.protocol.pen.PenProtocol.Acknowledged;
import io.shoal.protocol.pen.PenProtocol.AssessFrame;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenProtocol.Configure;
import io.shoal.protocol.pen.PenProtocol.Done;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.OpenAlert;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import io.shoal.protocol.pen.PenThresholds;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * A one-node cluster with real pen entities (the production factory, which publishes every persisted event on the
 * pen's topic) journaling to an embedded PostgreSQL through reference.conf's jdbc journal, and the SSE route bound
 * on a real port. Frames are counted with {@link AssessFrame} (the prediction given), so no model is needed; the
 * pens' inference actors are a probe that is never asked.
 */
final class SseNode implements AutoCloseable {

  /** Plenty for the plugin's first connection, cluster formation and a few hundred streams. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Lets everyone in as an admin: the JWT guard is tested with the server, this is about the stream. */
  static final Guard ALLOW_ALL = (roles, inner) -> inner.apply(new Principal("test", Set.of(Role.ADMIN)));

  final EmbeddedPostgres postgres;
  final ActorTestKit kit;
  final Config config;
  final PenEventFeed feed;
  final ServerBinding binding;
  final SseClient client;
  private final ActorRef<InferenceProtocol.Command> noInference;
  /** Capture times of the frames: near the pens' clock, one second apart per frame number. */
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private SseNode(EmbeddedPostgres postgres, ActorTestKit kit, Config config, PenEventFeed feed,
      ServerBinding binding) {
    this.postgres = postgres;
    this.kit = kit;
    this.config = config;
    this.feed = feed;
    this.binding = binding;
    this.client = new SseClient(binding.localAddress().getPort());
    this.noInference = kit.<InferenceProtocol.Command>createTestProbe().ref();
  }

  static SseNode start(String name, Map<String, Object> overrides) throws Exception {
    EmbeddedPostgres postgres = ClusterOnPostgres.startPostgres();
    try {
      Config config = ClusterOnPostgres.config(postgres, overrides);
      Migrations.apply(DatabaseSettings.fromConfig(config));
      ActorTestKit kit = ActorTestKit.create(name, config);
      Cluster cluster = Cluster.get(kit.system());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      eventually("the one-node cluster is up", () -> cluster.selfMember().status() == MemberStatus.up());
      Api api = Api.bind(kit, config);
      return new SseNode(postgres, kit, config, api.feed(), api.binding());
    } catch (Exception | Error e) {
      postgres.close();
      throw e;
    }
  }

  /** A node's SSE side: its feed (hub registry) and the route bound on a port of its own. */
  record Api(PenEventFeed feed, ServerBinding binding, SseClient client) {

    static Api bind(ActorTestKit kit, Config config) throws Exception {
      PenEventFeed feed = PenEventFeed.start(kit.system(), SseSettings.fromConfig(config));
      Route api = pathPrefix("api", () -> pathPrefix("v1", () -> new PenEventsRoute(feed, ALLOW_ALL).route()));
      ServerBinding binding = Http.get(kit.system()).newServerAt("127.0.0.1", 0)
          .bind(handleExceptions(problems(), () -> api))
          .toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      return new Api(feed, binding, new SseClient(binding.localAddress().getPort()));
    }
  }

  /**
   * A second member of this node's cluster (same system name, same database) with an SSE route of its own: an
   * {@code api} node serving pens that live elsewhere. Closed by the caller.
   */
  Member startMember() throws Exception {
    ActorTestKit member = ActorTestKit.create(kit.system().name(), config);
    try {
      Cluster cluster = Cluster.get(member.system());
      cluster.manager().tell(Join.create(Cluster.get(kit.system()).selfMember().address()));
      eventually("the second member is up", () -> cluster.selfMember().status() == MemberStatus.up());
      return new Member(member, Api.bind(member, config));
    } catch (Exception | Error e) {
      member.shutdownTestKit();
      throw e;
    }
  }

  record Member(ActorTestKit kit, Api api) implements AutoCloseable {

    PenEventHubs.Stats stats(String penId) {
      TestProbe<PenEventHubs.Stats> probe = kit.createTestProbe();
      api.feed().hubs().tell(new PenEventHubs.GetStats(penId, probe.ref()));
      return probe.receiveMessage(PATIENCE);
    }

    @Override
    public void close() throws Exception {
      try {
        api.binding().unbind().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } finally {
        kit.shutdownTestKit();
      }
    }
  }

  /** The server's problem+json handler is someone else's; here the status and detail are enough. */
  private static ExceptionHandler problems() {
    return ExceptionHandler.newBuilder()
        .match(ApiException.class, e -> complete(e.status(), e.type() + ": " + e.detail()))
        .build();
  }

  static String eventsPath(String penId, boolean assessments) {
    return "/api/v1/pens/" + penId + "/events" + (assessments ? "?assessments=true" : "");
  }

  /** A pen as the cluster runs it (publishing), outside sharding so each test owns its own. */
  ActorRef<Command> spawnPen(String penId) {
    return kit.spawn(PenEntity.create(penId, noInference), "pen-" + penId);
  }

  /** Frame {@code n} of {@code camera}, fish with {@code condition}, counted and persisted. */
  void frame(ActorRef<Command> pen, String camera, int n, String condition) {
    TestProbe<FrameOutcome> reply = kit.createTestProbe();
    Prediction prediction = new Prediction("shoal-fish:1", true, new LabelScore("salmon", 0.9f),
        new LabelScore(condition, 0.7f), List.of(new LabelScore("salmon", 0.9f), new LabelScore("no_fish", 0.1f)),
        List.of(new LabelScore(condition, 0.7f), new LabelScore("other", 0.3f)));
    String frameId = camera + "-" + n;
    pen.tell(new AssessFrame(frameId, camera, t0.plusSeconds(n), prediction, null, reply.ref()));
    assertThat(reply.receiveMessage(PATIENCE)).isEqualTo(new FrameAccepted(frameId, false));
  }

  /**
   * Frames {@code from..to}: the last {@code lesions} of them with lesions, the others healthy. On reference.conf's
   * policy (30 fish frames minimum, lesion warns at 10 %) 34 healthy then 6 lesion frames make a pen WARNING with
   * a lesion alert; 36 more healthy ones clear it again (6/76 under 8 %).
   */
  void frames(ActorRef<Command> pen, int from, int to, int lesions) {
    for (int n = from; n <= to; n++) {
      frame(pen, "cam-1", n, n > to - lesions ? "lesion" : "healthy");
    }
  }

  PenHealth health(ActorRef<Command> pen) {
    TestProbe<PenHealth> probe = kit.createTestProbe();
    pen.tell(new GetHealth(probe.ref()));
    return probe.receiveMessage(PATIENCE);
  }

  /** Acknowledges the pen's only open alert as "ops". */
  void acknowledgeTheAlert(ActorRef<Command> pen) {
    List<OpenAlert> open = health(pen).openAlerts();
    assertThat(open).hasSize(1);
    TestProbe<AcknowledgeOutcome> acknowledged = kit.createTestProbe();
    pen.tell(new AcknowledgeAlert(open.get(0).alertId(), "ops", acknowledged.ref()));
    assertThat(acknowledged.receiveMessage(PATIENCE)).isEqualTo(new Acknowledged(open.get(0).alertId(), "ops"));
  }

  void configure(ActorRef<Command> pen, PenThresholds thresholds) {
    TestProbe<Done> done = kit.createTestProbe();
    pen.tell(new Configure(thresholds, "vet", done.ref()));
    done.receiveMessage(PATIENCE);
  }

  /** What a stream of {@code penId} with {@code filter} must show, read straight from the journal. */
  List<SseClient.Received> journal(String penId, PenEventFilter filter) throws Exception {
    CurrentEventsByPersistenceIdQuery journal = PersistenceQuery.get(kit.system())
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, "jdbc-read-journal");
    return journal.currentEventsByPersistenceId(PenEntity.persistenceId(penId).id(), 0, Long.MAX_VALUE)
        .map(envelope -> new PenEventEnvelope(penId, envelope.sequenceNr(), (Event) envelope.event()))
        .filter(envelope -> filter.includes(envelope.event()))
        .map(envelope -> new SseClient.Received(envelope.sequenceNr(), PenEventJson.type(envelope.event()),
            PenEventJson.sseData(envelope)))
        .runWith(Sink.seq(), kit.system())
        .toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * How many instances of the pen's topic this node knows of (through the receptionist): a subscriber's topic on
   * another node counts once this node has heard of it, and only then do this node's pens publish to it.
   */
  int knownTopicInstances(String penId) {
    ActorRef<Topic.Command<PenEventEnvelope>> view =
        kit.spawn(Topic.create(PenEventEnvelope.class, PenEventEnvelope.topicName(penId)));
    try {
      TestProbe<Topic.TopicStats> probe = kit.createTestProbe();
      view.tell(Topic.getTopicStats(probe.ref()));
      return probe.receiveMessage(PATIENCE).topicInstanceCount();
    } finally {
      kit.stop(view);
    }
  }

  PenEventHubs.Stats stats(String penId) {
    TestProbe<PenEventHubs.Stats> probe = kit.createTestProbe();
    feed.hubs().tell(new PenEventHubs.GetStats(penId, probe.ref()));
    return probe.receiveMessage(PATIENCE);
  }

  /** Waits until {@code condition} holds (polling, bounded by {@link #PATIENCE}). */
  static void eventually(String what, Callable<Boolean> condition) throws Exception {
    Eventually.until(what, PATIENCE, condition);
  }

  @Override
  public void close() throws Exception {
    try {
      binding.unbind().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      kit.shutdownTestKit();
    } finally {
      postgres.close();
    }
  }
}
