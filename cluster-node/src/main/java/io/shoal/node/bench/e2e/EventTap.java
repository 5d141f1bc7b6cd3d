package io.shoal.node.bench.e2e;

import io.shoal.protocol.pen.PenEventEnvelope;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Sees every pen event the moment the pen publishes it, i.e. right after the journal write: a subscriber to each
 * pen's topic in the node's own actor system, as the SSE hubs are. {@code listener} is called on the tap's actor
 * thread (one at a time) and must be quick.
 */
final class EventTap {

  private EventTap() {}

  static ActorRef<PenEventEnvelope> start(ActorSystem<?> system, List<String> penIds,
      Consumer<PenEventEnvelope> listener) {
    Behavior<PenEventEnvelope> tap = Behaviors.setup(context -> {
      for (int i = 0; i < penIds.size(); i++) {
        ActorRef<Topic.Command<PenEventEnvelope>> topic = context.spawn(
            Topic.create(PenEventEnvelope.class, PenEventEnvelope.topicName(penIds.get(i))), "topic-" + i);
        topic.tell(Topic.subscribe(context.getSelf()));
      }
      return Behaviors.receiveMessage(event -> {
        listener.accept(event);
        return Behaviors.same();
      });
    });
    return system.systemActorOf(tap, "bench-event-tap", Props.empty());
  }
}
