package io.shoal.http.sse;

import io.shoal.observability.logging.LogKeys;
import io.shoal.observability.logging.MdcScope;
import io.shoal.protocol.pen.PenEventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * One pen's live events on this node: the node's ONE subscription to the pen's cluster topic, fanned out to every
 * local stream of that pen. Started and stopped by {@link PenEventHubs}.
 *
 * <p>A topic subscription is not effective at once: the pen's topic instance learns of ours through the receptionist.
 * The hub polls its topic until its own registration is listed (or {@code subscribeTimeout} passed) and only then
 * lets subscribers in, so a client that got its response headers sees every later event of this node's cluster
 * view; what the topic still misses (another node's late view, a pen moving) is filled from the journal by the
 * stream's {@link SequenceCursor}.
 *
 * <p>Fan-out is a plain {@code tell}: each subscriber's own bounded buffer takes it, and a subscriber that falls too
 * far behind fails alone, never slowing the others.
 */
final class PenEventHub {

  sealed interface Command permits Join, AwaitReady, Published, SubscriberLeft, CheckTopic, TopicStatsSeen,
      GetStats, StatsReady {}

  /** Add {@code subscriber}: it gets {@link LiveSignal.Joined}, then every event. */
  record Join(ActorRef<LiveSignal> subscriber) implements Command {}

  /** Answer {@code replyTo} once the topic subscription is effective. */
  record AwaitReady(ActorRef<PenEventHubs.Admission> replyTo) implements Command {}

  record Published(PenEventEnvelope envelope) implements Command {}

  record SubscriberLeft(ActorRef<LiveSignal> subscriber) implements Command {}

  enum CheckTopic implements Command { INSTANCE }

  record TopicStatsSeen(Topic.TopicStats stats) implements Command {}

  record GetStats(int nodeHubs, int nodeSubscribers, ActorRef<PenEventHubs.Stats> replyTo) implements Command {}

  record StatsReady(GetStats request, Topic.TopicStats topic) implements Command {}

  /** How often a new hub asks its topic whether its subscription is listed yet (a local, cheap message). */
  private static final Duration TOPIC_POLL = Duration.ofMillis(20);
  private static final Duration STATS_TIMEOUT = Duration.ofSeconds(3);

  private final String penId;
  private final ActorContext<Command> context;
  private final ActorRef<Topic.Command<PenEventEnvelope>> topic;
  private final TimerScheduler<Command> timers;
  private final Set<ActorRef<LiveSignal>> subscribers = new HashSet<>();
  /**
   * Joins and admissions that came before the subscription was listed (at most subscribe-timeout): bounded by the
   * registry's max-subscribers and by the server's open connections.
   */
  private final List<Command> waiting = new ArrayList<>();
  private final ActorRef<Topic.TopicStats> topicStats;
  private final long giveUpAt;
  private boolean ready;
  private long published;

  static Behavior<Command> create(String penId, Duration subscribeTimeout) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new PenEventHub(penId, context, timers, subscribeTimeout).behavior()));
  }

  private PenEventHub(String penId, ActorContext<Command> context, TimerScheduler<Command> timers,
      Duration subscribeTimeout) {
    this.penId = penId;
    this.context = context;
    this.topic = context.spawn(Topic.create(PenEventEnvelope.class, PenEventEnvelope.topicName(penId)), "topic");
    this.topic.tell(Topic.subscribe(context.messageAdapter(PenEventEnvelope.class, Published::new)));
    this.topicStats = context.messageAdapter(Topic.TopicStats.class, TopicStatsSeen::new);
    this.giveUpAt = System.nanoTime() + subscribeTimeout.toNanos();
    timers.startTimerWithFixedDelay(CheckTopic.INSTANCE, TOPIC_POLL);
    this.timers = timers;
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Join.class, this::onJoin)
        .onMessage(AwaitReady.class, this::onAwaitReady)
        .onMessage(Published.class, this::onPublished)
        .onMessage(SubscriberLeft.class, left -> {
          subscribers.remove(left.subscriber());
          return Behaviors.same();
        })
        .onMessage(CheckTopic.class, tick -> {
          topic.tell(Topic.getTopicStats(topicStats));
          return Behaviors.same();
        })
        .onMessage(TopicStatsSeen.class, this::onTopicStats)
        .onMessage(GetStats.class, request -> {
          context.ask(Topic.TopicStats.class, topic, STATS_TIMEOUT, Topic::getTopicStats,
              (stats, failure) -> new StatsReady(request, stats));
          return Behaviors.same();
        })
        .onMessage(StatsReady.class, this::onStatsReady)
        .build();
  }

  private Behavior<Command> onJoin(Join join) {
    if (!ready) {
      waiting.add(join);
      return Behaviors.same();
    }
    // Watched so a stream that ends (client gone, buffer overflow) stops receiving at once.
    context.watchWith(join.subscriber(), new SubscriberLeft(join.subscriber()));
    subscribers.add(join.subscriber());
    join.subscriber().tell(LiveSignal.Joined.INSTANCE);
    return Behaviors.same();
  }

  private Behavior<Command> onAwaitReady(AwaitReady await) {
    if (!ready) {
      waiting.add(await);
    } else {
      await.replyTo().tell(new PenEventHubs.Admitted(penId));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onPublished(Published message) {
    published++;
    LiveSignal.Live live = new LiveSignal.Live(message.envelope());
    for (ActorRef<LiveSignal> subscriber : subscribers) {
      subscriber.tell(live);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onTopicStats(TopicStatsSeen seen) {
    if (ready) {
      return Behaviors.same();
    }
    // Our own registration is the first instance a fresh topic sees listed.
    boolean listed = seen.stats().topicInstanceCount() >= 1;
    if (listed || System.nanoTime() - giveUpAt > 0) {
      if (!listed) {
        try (var mdc = MdcScope.of(LogKeys.PEN_ID, penId)) {
          context.getLog().warn("Topic subscription for pen {} not listed after the subscribe timeout; streaming "
              + "anyway (missed events are read from the journal when the next one arrives)", penId);
        }
      }
      ready = true;
      timers.cancel(CheckTopic.INSTANCE);
      List<Command> pending = List.copyOf(waiting);
      waiting.clear();
      for (Command command : pending) {
        if (command instanceof Join join) {
          onJoin(join);
        } else if (command instanceof AwaitReady await) {
          onAwaitReady(await);
        }
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onStatsReady(StatsReady ready) {
    Topic.TopicStats topicStats = ready.topic();
    ready.request().replyTo().tell(new PenEventHubs.Stats(penId, ready.request().nodeHubs(),
        ready.request().nodeSubscribers(), subscribers.size(), published, this.ready,
        topicStats == null ? -1 : topicStats.localSubscriberCount(),
        topicStats == null ? -1 : topicStats.topicInstanceCount()));
    return Behaviors.same();
  }
}
