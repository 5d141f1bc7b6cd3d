package io.shoal.node.pen;

import com.typesafe.config.Config;
import io.shoal.node.health.AssessmentWindow;
import io.shoal.node.health.HealthPolicy;
import io.shoal.node.health.HealthSettings;
import io.shoal.node.health.HealthVerdict;
import io.shoal.node.health.Severity;
import io.shoal.protocol.CborSerializable;
import io.shoal.protocol.inference.InferenceProtocol;
import io.shoal.protocol.inference.InferenceProtocol.Classified;
import io.shoal.protocol.inference.InferenceProtocol.Classify;
import io.shoal.protocol.inference.InferenceProtocol.Expired;
import io.shoal.protocol.inference.InferenceProtocol.Failed;
import io.shoal.protocol.inference.InferenceProtocol.Overloaded;
import io.shoal.protocol.inference.InferenceProtocol.Undecodable;
import io.shoal.protocol.inference.Prediction;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeAlert;
import io.shoal.protocol.pen.PenProtocol.Acknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertKind;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import io.shoal.protocol.pen.PenProtocol.AssessFrame;
import io.shoal.protocol.pen.PenProtocol.CameraCameBack;
import io.shoal.protocol.pen.PenProtocol.CameraView;
import io.shoal.protocol.pen.PenProtocol.CameraWentOffline;
import io.shoal.protocol.pen.PenProtocol.CheckCameras;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenProtocol.Configure;
import io.shoal.protocol.pen.PenProtocol.Done;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.FrameDeferred;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import io.shoal.protocol.pen.PenProtocol.OpenAlert;
import io.shoal.protocol.pen.PenProtocol.PenConfigured;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import io.shoal.protocol.pen.PenProtocol.ProcessFrame;
import io.shoal.protocol.pen.PenProtocol.UnknownAlert;
import io.shoal.protocol.pen.PenThresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One net pen: counts its camera frames into a rolling window, judges its health with {@link HealthPolicy} and keeps
 * its alerts, all as events. A thin shell: the rules live in {@code io.shoal.node.health}.
 *
 * <p><b>Effectively once.</b> Kafka delivers at least once; a frame whose id this camera already had persisted is
 * answered {@code duplicate = true} and persists nothing. Only the last {@code recent-frame-ids-per-camera} ids per
 * camera are remembered. That is enough because a frame is redelivered only if its offset was not committed, and the
 * consumer commits after the entity's reply, with a bounded number of frames in flight per partition: a redelivered
 * frame is at most (in-flight + uncommitted commit batch) records behind the newest one of its partition, hence at
 * most that many frames behind its camera's newest (a pen's frames share a partition, in order).
 *
 * <p><b>Alerts.</b> One open alert per condition while its severity is above NONE, one per offline camera. A change
 * of severity (WARNING to CRITICAL or back) resolves the open alert and raises a new one: a CRITICAL must be
 * acknowledged on its own even if someone acknowledged the WARNING before it. Alerts resolve themselves when their
 * cause clears (the policy's hysteresis decides when) and keep who acknowledged them until then.
 *
 * <p><b>Inference.</b> A {@link ProcessFrame} asks the inference actors for a prediction and persists the frame
 * with it; the reply goes out only after that. At most {@code shoal.pen.inference.max-in-flight} frames of a pen
 * wait for a prediction at once; further ones wait in the entity's bounded stash. Inference that cannot take a frame
 * now (Overloaded, Expired, no answer) is passed back as {@link FrameDeferred}: nothing is persisted and the sender
 * tries again later, so backpressure reaches the Kafka consumer instead of a queue growing here.
 *
 * <p><b>No wall clock in the event handler.</b> The window is rebuilt from the {@link FrameAssessed} events' capture
 * times; times in events come from the command handler's clock or the command ({@link CheckCameras#now()}).
 */
public final class PenEntity extends EventSourcedBehaviorWithEnforcedReplies<Command, Event, PenEntity.State> {

  /**
   * Everything the entity knows, rebuilt from its events (or a snapshot plus the events after it).
   *
   * @param configured      thresholds set by an operator, null while the configured defaults apply
   * @param window          the policy's window (fish frames, oldest first) and the newest capture time it saw
   * @param recentFrameIds  per camera, its last frame ids, oldest first (for recognising redelivered frames)
   * @param cameraLastSeen  per camera, when the pen last counted one of its frames (its own clock, not the camera's)
   * @param offlineCameras  cameras that went offline and have not sent a frame since
   * @param openAlerts      unresolved alerts by alert id
   * @param framesAssessed  frames counted, with or without fish
   * @param alertsRaised    alerts ever raised (numbers the next alert id)
   */
  public record State(PenThresholds configured, List<AssessmentWindow.Entry> window, Instant windowNewest,
      Map<String, List<String>> recentFrameIds, Map<String, Instant> cameraLastSeen, Set<String> offlineCameras,
      HealthStatus status, List<String> statusReasons, Map<String, OpenAlert> openAlerts, long framesAssessed,
      long alertsRaised) implements CborSerializable {

    public State {
      window = List.copyOf(window);
      recentFrameIds = Map.copyOf(recentFrameIds);
      cameraLastSeen = Map.copyOf(cameraLastSeen);
      offlineCameras = Set.copyOf(offlineCameras);
      statusReasons = List.copyOf(statusReasons);
      openAlerts = Map.copyOf(openAlerts);
    }

    static State empty() {
      return new State(null, List.of(), null, Map.of(), Map.of(), Set.of(), HealthStatus.UNKNOWN, List.of(),
          Map.of(), 0, 0);
    }

    boolean anyCameraLive() {
      return offlineCameras.size() < cameraLastSeen.size();
    }
  }

  private final String penId;
  private final PenSettings settings;
  private final HealthSettings health;
  private final HealthPolicy policy;
  private final Clock clock;
  /** Null in the test factory without inference: {@link ProcessFrame} is then deferred. */
  private final PenInference inference;
  private final ActorContext<Command> context;
  /** The pen's live event topic (SSE subscribers); null in the test factories, which publish nothing. */
  private final ActorRef<Topic.Command<PenEventEnvelope>> events;
  /**
   * Request ids of frames waiting for a prediction. Not state: lost on restart, when the late answers still reach
   * the new incarnation (they carry the frame and its reply-to) but no longer count against the limit.
   */
  private final Set<String> awaitingPrediction = new LinkedHashSet<>();
  private long requests;

  /**
   * The entity for {@code penId}, configured from {@code shoal.pen} and {@code shoal.health}, asking
   * {@code inferenceActors} for predictions and checking its cameras on a timer.
   */
  public static Behavior<Command> create(String penId, ActorRef<InferenceProtocol.Command> inferenceActors) {
    return PenMdc.around(penId, Behaviors.setup(context -> {
      Config config = context.getSystem().settings().config();
      HealthSettings health = HealthSettings.fromConfig(config);
      PenInference inference = PenInference.fromConfig(config, inferenceActors);
      ActorRef<Topic.Command<PenEventEnvelope>> events =
          context.spawn(Topic.create(PenEventEnvelope.class, PenEventEnvelope.topicName(penId)), "events");
      return Behaviors.withTimers(timers -> {
        startCameraChecks(timers, health);
        return new PenEntity(penId, PenSettings.fromConfig(config), health, Clock.systemUTC(), inference, context,
            events);
      });
    }));
  }

  /**
   * As {@link #create(String, ActorRef)} with explicit settings and clock, and without the camera-check timer
   * (tests send {@link CheckCameras} themselves).
   */
  public static Behavior<Command> create(String penId, PenSettings settings, HealthSettings health, Clock clock,
      PenInference inference) {
    return PenMdc.around(penId,
        Behaviors.setup(context -> new PenEntity(penId, settings, health, clock, inference, context, null)));
  }

  /** A pen without inference actors: it counts {@link AssessFrame}s only and defers every {@link ProcessFrame}. */
  public static Behavior<Command> create(String penId, PenSettings settings, HealthSettings health, Clock clock) {
    return PenMdc.around(penId,
        Behaviors.setup(context -> new PenEntity(penId, settings, health, clock, null, context, null)));
  }

  /**
   * Cameras are checked this many times per {@code camera-silence}, so a silent camera is reported at most a
   * quarter of that period late, without waking every pen more often than needed.
   */
  private static final int CAMERA_CHECKS_PER_SILENCE = 4;

  /**
   * A journal failure (the database unreachable) stops the pen; it restarts after this backoff and recovers from
   * the journal. Frames sent meanwhile time out and come again from Kafka, so the backoff only paces the retries.
   */
  private static final Duration RESTART_MIN_BACKOFF = Duration.ofMillis(200);
  private static final Duration RESTART_MAX_BACKOFF = Duration.ofSeconds(5);
  private static final double RESTART_RANDOM_FACTOR = 0.1;

  private static void startCameraChecks(TimerScheduler<Command> timers, HealthSettings health) {
    Duration every = health.cameraSilence().dividedBy(CAMERA_CHECKS_PER_SILENCE);
    timers.startTimerWithFixedDelay(CameraCheckDue.INSTANCE, every);
  }

  /**
   * Starts pen entities on the nodes with {@code role} (DESIGN.md §1: {@code ingest}), each asking
   * {@code inferenceActors} for predictions, and returns the shard region; nodes without the role get a proxy.
   * Address a pen with {@code sharding.entityRefFor(PenProtocol.ENTITY_TYPE_KEY, penId)}.
   */
  public static ActorRef<ShardingEnvelope<Command>> initSharding(ActorSystem<?> system, ClusterSharding sharding,
      String role, ActorRef<InferenceProtocol.Command> inferenceActors) {
    // Remembered: pens keep running (no passivation) and restart wherever their shard goes after a rebalance or a
    // restart of the whole cluster, so each pen's timer keeps checking its cameras even when no frame arrives. The
    // list is kept in the journal (pekko.cluster.sharding.remember-entities-store = eventsourced).
    return sharding.init(Entity.of(PenProtocol.ENTITY_TYPE_KEY,
            context -> create(context.getEntityId(), inferenceActors))
        .withRole(role)
        .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true)));
  }

  public static PersistenceId persistenceId(String penId) {
    return PersistenceId.of(PenProtocol.ENTITY_TYPE_KEY.name(), penId);
  }

  private PenEntity(String penId, PenSettings settings, HealthSettings health, Clock clock, PenInference inference,
      ActorContext<Command> context, ActorRef<Topic.Command<PenEventEnvelope>> events) {
    super(persistenceId(penId),
        SupervisorStrategy.restartWithBackoff(RESTART_MIN_BACKOFF, RESTART_MAX_BACKOFF, RESTART_RANDOM_FACTOR));
    this.penId = penId;
    this.settings = settings;
    this.health = health;
    this.policy = new HealthPolicy(health.clearRatio());
    this.clock = clock;
    this.inference = inference;
    this.context = context;
    this.events = events;
  }

  @Override
  public State emptyState() {
    return State.empty();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(PenProtocol.tag(penId, settings.tagSlices()));
  }

  /** Whether this pen is counted in {@link PenMetrics#started live pens}: from recovery to stop or restart. */
  private boolean countedLive;

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> countLive(true))
        .onSignal(PreRestart.instance(), state -> countLive(false))
        .onSignal(PostStop.instance(), state -> countLive(false))
        .build();
  }

  private void countLive(boolean live) {
    if (live != countedLive) {
      countedLive = live;
      if (live) {
        PenMetrics.started();
      } else {
        PenMetrics.stopped();
      }
    }
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  // ------------------------------------------------------------------------------------------------ commands

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(ProcessFrame.class, this::onProcessFrame)
        .onCommand(InferenceAnswered.class, this::onInferenceAnswered)
        .onCommand(AssessFrame.class, (state, command) -> count(state, command, false))
        .onCommand(GetHealth.class, (state, command) -> Effect().reply(command.replyTo(), view(state)))
        .onCommand(Configure.class, this::onConfigure)
        .onCommand(AcknowledgeAlert.class, this::onAcknowledge)
        .onCommand(CheckCameras.class, this::onCheckCameras)
        .onCommand(CameraCheckDue.class, (state, tick) -> onCheckCameras(state, new CheckCameras(clock.instant())))
        .build();
  }

  private ReplyEffect<Event, State> onProcessFrame(State state, ProcessFrame command) {
    Optional<FrameOutcome> refusal = refusal(state, command.frameId(), command.cameraId());
    if (refusal.isPresent()) {
      return Effect().reply(command.replyTo(), refusal.get());
    }
    if (inference == null) {
      return Effect().reply(command.replyTo(),
          new FrameDeferred(command.frameId(), "pen " + penId + " has no inference actors"));
    }
    if (awaitingPrediction.size() >= inference.maxInFlight()) {
      return Effect().stash(); // unstashed when a prediction comes back
    }
    String requestId = penId + "/" + command.frameId() + "#" + (++requests);
    awaitingPrediction.add(requestId);
    Instant deadline = clock.instant().plus(inference.timeout());
    context.ask(InferenceProtocol.Reply.class, inference.actors(), inference.askTimeout(),
        replyTo -> new Classify(requestId, command.image(), deadline, replyTo),
        (reply, failure) -> new InferenceAnswered(command, requestId, reply, failure));
    return Effect().noReply(); // replied once the prediction is persisted (onInferenceAnswered)
  }

  private ReplyEffect<Event, State> onInferenceAnswered(State state, InferenceAnswered answer) {
    awaitingPrediction.remove(answer.requestId());
    ProcessFrame frame = answer.frame();
    if (answer.reply() instanceof Classified classified) {
      return count(state, new AssessFrame(frame.frameId(), frame.cameraId(), frame.capturedAt(),
          classified.prediction(), frame.position(), frame.replyTo()), true);
    }
    FrameOutcome outcome;
    if (answer.reply() instanceof Undecodable undecodable) {
      outcome = new FrameRejected(frame.frameId(), FrameRejected.UNDECODABLE_IMAGE, undecodable.reason());
    } else if (answer.reply() instanceof Failed failed) {
      // The model failed on the frame's batch (or the node is stopping): not the frame's fault, so try it again.
      outcome = new FrameDeferred(frame.frameId(), failed.reason());
    } else if (answer.reply() instanceof Overloaded overloaded) {
      outcome = new FrameDeferred(frame.frameId(),
          "inference overloaded (queue capacity " + overloaded.queueCapacity() + ")");
    } else if (answer.reply() instanceof Expired) {
      outcome = new FrameDeferred(frame.frameId(), "inference did not compute it within " + inference.timeout());
    } else {
      outcome = new FrameDeferred(frame.frameId(), "no answer from inference: " + answer.failure());
    }
    return Effect().reply(frame.replyTo(), outcome).thenUnstashAll();
  }

  /** Why a frame of {@code cameraId} is answered without being counted (a duplicate, a camera too many). */
  private Optional<FrameOutcome> refusal(State state, String frameId, String camera) {
    if (state.recentFrameIds().getOrDefault(camera, List.of()).contains(frameId)) {
      return Optional.of(new FrameAccepted(frameId, true));
    }
    if (!state.cameraLastSeen().containsKey(camera) && state.cameraLastSeen().size() >= health.maxCamerasPerPen()) {
      return Optional.of(new FrameRejected(frameId, FrameRejected.TOO_MANY_CAMERAS,
          "pen " + penId + " already has " + health.maxCamerasPerPen() + " cameras; camera " + camera + " refused"));
    }
    return Optional.empty();
  }

  /**
   * Counts a classified frame (persist, then reply). {@code unstash}: a prediction came back, so frames stashed
   * while the in-flight limit was reached may go on.
   */
  private ReplyEffect<Event, State> count(State state, AssessFrame command, boolean unstash) {
    // Checked again for a ProcessFrame: the same frame, redelivered, may have been counted while this one waited.
    Optional<FrameOutcome> refusal = refusal(state, command.frameId(), command.cameraId());
    if (refusal.isPresent()) {
      ReplyEffect<Event, State> reply = Effect().reply(command.replyTo(), refusal.get());
      return unstash ? reply.thenUnstashAll() : reply;
    }
    String camera = command.cameraId();
    Instant now = clock.instant();
    List<Event> events = new ArrayList<>();
    events.add(frameAssessed(command, now));
    if (state.offlineCameras().contains(camera)) {
      events.add(new CameraCameBack(camera, now));
      openAlert(state, AlertKind.CAMERA_OFFLINE, camera)
          .ifPresent(alert -> events.add(new AlertResolved(alert.alertId(), now)));
    }
    events.addAll(judge(applyAll(state, events), now));
    ReplyEffect<Event, State> reply =
        persistAndLog(events).thenReply(command.replyTo(), s -> new FrameAccepted(command.frameId(), false));
    return unstash ? reply.thenUnstashAll() : reply;
  }

  private ReplyEffect<Event, State> onConfigure(State state, Configure command) {
    Instant now = clock.instant();
    List<Event> events = new ArrayList<>();
    events.add(new PenConfigured(command.thresholds(), command.by(), now));
    events.addAll(judge(applyAll(state, events), now));
    return persistAndLog(events).thenReply(command.replyTo(), s -> new Done());
  }

  private ReplyEffect<Event, State> onAcknowledge(State state, AcknowledgeAlert command) {
    OpenAlert alert = state.openAlerts().get(command.alertId());
    if (alert == null) {
      return Effect().reply(command.replyTo(), new UnknownAlert(command.alertId()));
    }
    if (alert.acknowledgedBy() != null) {
      return Effect().reply(command.replyTo(), new Acknowledged(alert.alertId(), alert.acknowledgedBy()));
    }
    return persistAndLog(List.of(new AlertAcknowledged(alert.alertId(), command.by(), clock.instant())))
        .thenReply(command.replyTo(), s -> new Acknowledged(alert.alertId(), command.by()));
  }

  private ReplyEffect<Event, State> onCheckCameras(State state, CheckCameras command) {
    Instant now = command.now();
    Instant cutoff = now.minus(health.cameraSilence());
    List<Event> events = new ArrayList<>();
    long raised = state.alertsRaised();
    for (Map.Entry<String, Instant> camera : new TreeMap<>(state.cameraLastSeen()).entrySet()) {
      String cameraId = camera.getKey();
      if (camera.getValue().isBefore(cutoff) && !state.offlineCameras().contains(cameraId)) {
        events.add(new CameraWentOffline(cameraId, now));
        events.add(new AlertRaised(alertId(++raised), AlertKind.CAMERA_OFFLINE, cameraId, AlertSeverity.WARNING,
            "camera " + cameraId + " silent since " + camera.getValue(), now));
      }
    }
    if (events.isEmpty()) {
      return Effect().noReply();
    }
    events.addAll(judge(applyAll(state, events), now));
    return persistAndLog(events).thenNoReply();
  }

  private EffectBuilder<Event, State> persistAndLog(List<Event> persisted) {
    return Effect().persist(persisted).thenRun(s -> {
      PenMetrics.persisted(persisted);
      TransitionLog.persisted(penId, persisted);
      publish(persisted);
    });
  }

  /** Publishes just-persisted events live with their sequence numbers (the last of them is the newest). */
  private void publish(List<Event> persisted) {
    if (events == null) {
      return;
    }
    long first = lastSequenceNumber(context) - persisted.size() + 1;
    for (int i = 0; i < persisted.size(); i++) {
      events.tell(Topic.publish(new PenEventEnvelope(penId, first + i, persisted.get(i))));
    }
  }

  /**
   * The events that bring the alerts and the status of {@code state} in line with the policy's verdict on it:
   * resolve/raise per condition whose severity changed, then the status change if any.
   */
  private List<Event> judge(State state, Instant now) {
    Map<String, Severity> previous = conditionSeverities(state);
    HealthVerdict verdict = policy.judge(window(state), thresholds(state), previous, state.anyCameraLive());
    List<String> conditionReasons = verdict.reasons();
    List<String> raisedConditions = new ArrayList<>(new TreeSet<>(verdict.severities().keySet()));
    List<Event> events = new ArrayList<>();
    long raised = state.alertsRaised();
    Set<String> conditions = new TreeSet<>(previous.keySet());
    conditions.addAll(verdict.severities().keySet());
    for (String condition : conditions) {
      Severity was = previous.getOrDefault(condition, Severity.NONE);
      Severity is = verdict.severities().getOrDefault(condition, Severity.NONE);
      if (was == is) {
        continue;
      }
      if (was != Severity.NONE) {
        openAlert(state, AlertKind.CONDITION, condition)
            .ifPresent(alert -> events.add(new AlertResolved(alert.alertId(), now)));
      }
      if (is != Severity.NONE) {
        String reason = conditionReasons.get(raisedConditions.indexOf(condition));
        events.add(new AlertRaised(alertId(++raised), AlertKind.CONDITION, condition, AlertSeverity.valueOf(is.name()),
            reason, now));
      }
    }
    if (verdict.status() != state.status()) {
      events.add(new HealthStatusChanged(state.status(), verdict.status(), reasons(verdict, state)));
    }
    return events;
  }

  private String alertId(long number) {
    return penId + "-alert-" + number;
  }

  private static List<String> reasons(HealthVerdict verdict, State state) {
    List<String> reasons = new ArrayList<>(verdict.reasons());
    new TreeSet<>(state.offlineCameras()).forEach(camera -> reasons.add("camera " + camera + " offline"));
    if (state.cameraLastSeen().isEmpty()) {
      reasons.add("no camera has delivered a frame");
    }
    return reasons;
  }

  private static FrameAssessed frameAssessed(AssessFrame command, Instant receivedAt) {
    Prediction p = command.prediction();
    return new FrameAssessed(command.frameId(), command.cameraId(), command.capturedAt(), p.modelVersion(),
        p.species().label(), p.species().probability(),
        p.fishPresent() ? p.condition().label() : null,
        p.fishPresent() ? p.condition().probability() : null,
        p.fishPresent(),
        command.position() == null ? null : command.position().partition(),
        command.position() == null ? null : command.position().offset(),
        receivedAt);
  }

  // -------------------------------------------------------------------------------------------------- events

  @Override
  public EventHandler<State, Event> eventHandler() {
    BiFunction<State, Event, State> handler = this::apply;
    return newEventHandlerBuilder().forAnyState().onAnyEvent(handler);
  }

  private State applyAll(State state, List<Event> events) {
    State s = state;
    for (Event event : events) {
      s = apply(s, event);
    }
    return s;
  }

  private State apply(State s, Event event) {
    if (event instanceof FrameAssessed e) {
      Map<String, List<String>> recent = new HashMap<>(s.recentFrameIds());
      List<String> ids = new ArrayList<>(recent.getOrDefault(e.cameraId(), List.of()));
      ids.add(e.frameId());
      if (ids.size() > settings.recentFrameIdsPerCamera()) {
        ids.subList(0, ids.size() - settings.recentFrameIdsPerCamera()).clear();
      }
      recent.put(e.cameraId(), ids);
      Map<String, Instant> lastSeen = new HashMap<>(s.cameraLastSeen());
      lastSeen.merge(e.cameraId(), e.receivedOrCaptured(), (before, now) -> now.isAfter(before) ? now : before);
      List<AssessmentWindow.Entry> entries = s.window();
      Instant newest = s.windowNewest();
      if (e.fishPresent()) {
        AssessmentWindow window = window(s);
        window.add(new AssessmentWindow.Entry(e.capturedAt(), e.species(), e.condition()));
        entries = window.entries();
        newest = window.newest();
      }
      return new State(s.configured(), entries, newest, recent, lastSeen, s.offlineCameras(), s.status(),
          s.statusReasons(), s.openAlerts(), s.framesAssessed() + 1, s.alertsRaised());
    } else if (event instanceof HealthStatusChanged e) {
      return new State(s.configured(), s.window(), s.windowNewest(), s.recentFrameIds(), s.cameraLastSeen(),
          s.offlineCameras(), e.to(), e.reasons(), s.openAlerts(), s.framesAssessed(), s.alertsRaised());
    } else if (event instanceof AlertRaised e) {
      Map<String, OpenAlert> alerts = new HashMap<>(s.openAlerts());
      alerts.put(e.alertId(), new OpenAlert(e.alertId(), e.kind(), e.subject(), e.severity(), e.reason(), e.at(),
          null, null));
      return withAlerts(s, alerts, s.alertsRaised() + 1);
    } else if (event instanceof AlertAcknowledged e) {
      Map<String, OpenAlert> alerts = new HashMap<>(s.openAlerts());
      alerts.computeIfPresent(e.alertId(),
          (id, alert) -> alert.acknowledgedBy() == null ? alert.acknowledged(e.by(), e.at()) : alert);
      return withAlerts(s, alerts, s.alertsRaised());
    } else if (event instanceof AlertResolved e) {
      Map<String, OpenAlert> alerts = new HashMap<>(s.openAlerts());
      alerts.remove(e.alertId());
      return withAlerts(s, alerts, s.alertsRaised());
    } else if (event instanceof CameraWentOffline e) {
      Set<String> offline = new HashSet<>(s.offlineCameras());
      offline.add(e.cameraId());
      return withOffline(s, offline);
    } else if (event instanceof CameraCameBack e) {
      Set<String> offline = new HashSet<>(s.offlineCameras());
      offline.remove(e.cameraId());
      return withOffline(s, offline);
    } else if (event instanceof PenConfigured e) {
      return new State(e.thresholds(), s.window(), s.windowNewest(), s.recentFrameIds(), s.cameraLastSeen(),
          s.offlineCameras(), s.status(), s.statusReasons(), s.openAlerts(), s.framesAssessed(), s.alertsRaised());
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private static State withAlerts(State s, Map<String, OpenAlert> alerts, long alertsRaised) {
    return new State(s.configured(), s.window(), s.windowNewest(), s.recentFrameIds(), s.cameraLastSeen(),
        s.offlineCameras(), s.status(), s.statusReasons(), alerts, s.framesAssessed(), alertsRaised);
  }

  private static State withOffline(State s, Set<String> offline) {
    return new State(s.configured(), s.window(), s.windowNewest(), s.recentFrameIds(), s.cameraLastSeen(), offline,
        s.status(), s.statusReasons(), s.openAlerts(), s.framesAssessed(), s.alertsRaised());
  }

  // ------------------------------------------------------------------------------------------------- helpers

  private AssessmentWindow window(State s) {
    return AssessmentWindow.restore(health.windowFrames(), health.windowDuration(), s.window(), s.windowNewest());
  }

  private PenThresholds thresholds(State s) {
    return s.configured() != null ? s.configured() : health.defaultThresholds();
  }

  private static Map<String, Severity> conditionSeverities(State s) {
    Map<String, Severity> severities = new HashMap<>();
    s.openAlerts().values().stream()
        .filter(alert -> alert.kind() == AlertKind.CONDITION)
        .forEach(alert -> severities.put(alert.subject(), Severity.valueOf(alert.severity().name())));
    return severities;
  }

  private static Optional<OpenAlert> openAlert(State s, AlertKind kind, String subject) {
    return s.openAlerts().values().stream()
        .filter(alert -> alert.kind() == kind && alert.subject().equals(subject))
        .findFirst();
  }

  private PenHealth view(State s) {
    AssessmentWindow window = window(s);
    PenThresholds thresholds = thresholds(s);
    HealthVerdict verdict = policy.judge(window, thresholds, conditionSeverities(s), s.anyCameraLive());
    Map<String, Double> prevalence = new TreeMap<>();
    thresholds.conditions().keySet().forEach(condition -> prevalence.put(condition, window.prevalence(condition)));
    s.window().forEach(entry -> prevalence.put(entry.condition(), window.prevalence(entry.condition())));
    List<OpenAlert> alerts = new ArrayList<>(s.openAlerts().values());
    alerts.sort(Comparator.comparing(OpenAlert::raisedAt).thenComparing(OpenAlert::alertId));
    List<CameraView> cameras = new ArrayList<>();
    new TreeMap<>(s.cameraLastSeen()).forEach(
        (camera, lastSeen) -> cameras.add(new CameraView(camera, lastSeen, s.offlineCameras().contains(camera))));
    return new PenHealth(penId, s.status(), reasons(verdict, s), window.speciesMix(), prevalence, window.size(),
        s.framesAssessed(), alerts, cameras, thresholds);
  }
}
