package io.shoal.http.sse;

import io.shoal.observability.metrics.Instruments;
import io.shoal.observability.metrics.MetricNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The node's registry of {@link PenEventHub}s: at most one per pen (hence one topic subscription per pen per node,
 * however many streams), started by a pen's first subscriber and stopped {@code hubIdleStop} after its last one
 * left. It also bounds the streams this node serves ({@code maxSubscribers}). Every start and stop is decided here,
 * so a subscriber can never be handed to a hub that is stopping.
 */
public final class PenEventHubs {

  public sealed interface Command
      permits Admit, Subscribe, SubscriberLeft, IdleCheck, HubStopped, GetStats, StatsAnswered {}

  /**
   * Ask whether a stream of {@code penId} may start now: answered {@link Admitted} once the pen's hub is subscribed
   * to the topic, {@link Refused} when the node serves its maximum. Reserves nothing (see {@link Subscribe}).
   */
  public record Admit(String penId, ActorRef<Admission> replyTo) implements Command {}

  /** Add a stream's live source: it gets {@link LiveSignal.Joined} then the events, or {@link LiveSignal.Refused}. */
  record Subscribe(String penId, ActorRef<LiveSignal> subscriber) implements Command {}

  /** This node's counters and those of {@code penId}'s hub (zeros when it has none). */
  public record GetStats(String penId, ActorRef<Stats> replyTo) implements Command {}

  record SubscriberLeft(String penId) implements Command {}

  record IdleCheck(String penId) implements Command {}

  record HubStopped(String penId, ActorRef<PenEventHub.Command> hub) implements Command {}

  /** A hub's answer to {@link GetStats}, or null when it stopped before answering. */
  record StatsAnswered(GetStats request, Stats stats) implements Command {}

  /**
   * How long the registry waits for a hub's counters (the hub itself gives its topic 3 s): a hub may be stopped
   * (idle) between the request and its answer, and then the registry answers for it.
   */
  private static final Duration HUB_STATS_TIMEOUT = Duration.ofSeconds(5);

  public sealed interface Admission permits Admitted, Refused {}

  public record Admitted(String penId) implements Admission {}

  public record Refused(String reason) implements Admission {}

  /**
   * @param nodeHubs            pens with a hub on this node (= topic subscriptions of this node)
   * @param nodeSubscribers     streams this node serves, all pens
   * @param subscribers         streams of this pen the hub fans out to
   * @param published           events of this pen the hub received from the topic
   * @param subscribed          whether the hub's topic subscription is listed (streams are let in)
   * @param topicSubscribers    local subscribers of the hub's topic instance (the hub itself: 1)
   * @param topicInstances      topic instances of this pen with subscribers, cluster-wide, as this node sees them
   */
  public record Stats(String penId, int nodeHubs, int nodeSubscribers, int subscribers, long published,
      boolean subscribed, int topicSubscribers, int topicInstances) {}


  private final SseSettings settings;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Map<String, ActorRef<PenEventHub.Command>> hubs = new HashMap<>();
  private final Map<String, Integer> subscribersByPen = new HashMap<>();
  private int subscribers;
  /** This node's streams ({@value MetricNames#SSE_SUBSCRIBERS}), moved with {@link #subscribers}. */
  private final Gauge subscribersGauge = Instruments.gauge(MetricNames.SSE_SUBSCRIBERS);
  private final Counter refusedCounter = Instruments.counter(MetricNames.SSE_SUBSCRIBERS_REFUSED);
  /** Numbers hub names: a stopped hub's name stays taken until it has terminated, and a new one may start before. */
  private long hubsStarted;

  public static Behavior<Command> create(SseSettings settings) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new PenEventHubs(settings, context, timers).behavior()));
  }

  private PenEventHubs(SseSettings settings, ActorContext<Command> context, TimerScheduler<Command> timers) {
    this.settings = settings;
    this.context = context;
    this.timers = timers;
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Admit.class, this::onAdmit)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(SubscriberLeft.class, this::onSubscriberLeft)
        .onMessage(IdleCheck.class, this::onIdleCheck)
        .onMessage(HubStopped.class, this::onHubStopped)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(StatsAnswered.class, this::onStatsAnswered)
        .onSignal(PostStop.class, stopped -> {
          subscribersGauge.decrement(subscribers); // their streams end with the node
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onAdmit(Admit admit) {
    if (subscribers >= settings.maxSubscribers()) {
      refusedCounter.increment();
      admit.replyTo().tell(new Refused(full()));
    } else {
      hub(admit.penId()).tell(new PenEventHub.AwaitReady(admit.replyTo()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onSubscribe(Subscribe subscribe) {
    // Checked again here: admissions reserve nothing, so a burst of them may pass the bound together.
    if (subscribers >= settings.maxSubscribers()) {
      refusedCounter.increment();
      subscribe.subscriber().tell(new LiveSignal.Refused(full()));
      return Behaviors.same();
    }
    String penId = subscribe.penId();
    subscribers++;
    subscribersGauge.increment();
    subscribersByPen.merge(penId, 1, Integer::sum);
    context.watchWith(subscribe.subscriber(), new SubscriberLeft(penId));
    hub(penId).tell(new PenEventHub.Join(subscribe.subscriber()));
    return Behaviors.same();
  }

  private Behavior<Command> onSubscriberLeft(SubscriberLeft left) {
    subscribers--;
    subscribersGauge.decrement();
    int remaining = subscribersByPen.merge(left.penId(), -1, Integer::sum);
    if (remaining <= 0) {
      subscribersByPen.remove(left.penId());
      timers.startSingleTimer(left.penId(), new IdleCheck(left.penId()), settings.hubIdleStop());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onIdleCheck(IdleCheck check) {
    ActorRef<PenEventHub.Command> hub = hubs.get(check.penId());
    if (hub != null && !subscribersByPen.containsKey(check.penId())) {
      hubs.remove(check.penId());
      context.stop(hub);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onHubStopped(HubStopped stopped) {
    // Only a hub that stopped on its own (it never should) is still listed; forget it so the next stream starts a
    // fresh one.
    hubs.remove(stopped.penId(), stopped.hub());
    return Behaviors.same();
  }

  private Behavior<Command> onGetStats(GetStats request) {
    ActorRef<PenEventHub.Command> hub = hubs.get(request.penId());
    if (hub == null) {
      request.replyTo().tell(new Stats(request.penId(), hubs.size(), subscribers, 0, 0, false, 0, 0));
    } else {
      context.ask(Stats.class, hub, HUB_STATS_TIMEOUT,
          replyTo -> new PenEventHub.GetStats(hubs.size(), subscribers, replyTo),
          (stats, failure) -> new StatsAnswered(request, stats));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onStatsAnswered(StatsAnswered answered) {
    GetStats request = answered.request();
    request.replyTo().tell(answered.stats() != null ? answered.stats()
        : new Stats(request.penId(), hubs.size(), subscribers, 0, 0, false, 0, 0));
    return Behaviors.same();
  }

  private ActorRef<PenEventHub.Command> hub(String penId) {
    ActorRef<PenEventHub.Command> hub = hubs.get(penId);
    if (hub == null) {
      hub = context.spawn(PenEventHub.create(penId, settings.subscribeTimeout()),
          "pen-" + URLEncoder.encode(penId, StandardCharsets.UTF_8) + "-" + (++hubsStarted));
      context.watchWith(hub, new HubStopped(penId, hub));
      hubs.put(penId, hub);
      if (!subscribersByPen.containsKey(penId)) {
        // Started by an admission whose stream may never come: stop it like an abandoned one.
        timers.startSingleTimer(penId, new IdleCheck(penId), settings.hubIdleStop());
      }
    }
    return hub;
  }

  private String full() {
    return "this node serves its maximum of " + settings.maxSubscribers() + " event streams";
  }
}
