package io.shoal.node.bench;

import io.shoal.protocol.inference.InferenceProtocol.Classified;
import io.shoal.protocol.inference.InferenceProtocol.Classify;
import io.shoal.protocol.inference.InferenceProtocol.Command;
import io.shoal.protocol.inference.InferenceProtocol.Overloaded;
import io.shoal.protocol.inference.InferenceProtocol.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Pushes a list of images through the inference pool with at most {@code window} unanswered, as a stream stage
 * in front of the pool would: one actor and one reply adapter, no per-request ask actors. Overloaded replies are
 * retried after {@code retryPause} and counted; Expired/Undecodable/Failed are counted and not retried (there should be none).
 */
final class LoadFeeder extends AbstractBehavior<LoadFeeder.Msg> {

  /** Time from first send to last reply, and what came back other than Classified. */
  record Result(long nanos, int classified, int overloaded, int failed) {}

  interface Msg {}

  private record Answer(Reply reply) implements Msg {}

  private record Retry(int index) implements Msg {}

  private final ActorRef<Command> pool;
  private final List<byte[]> images;
  private final CompletableFuture<Result> done;
  private final TimerScheduler<Msg> timers;
  private final Duration retryPause;
  private final ActorRef<Reply> replyTo;
  private final long start;
  private int nextToSend;
  private int classified;
  private int overloaded;
  private int failed;

  static Behavior<Msg> create(ActorRef<Command> pool, List<byte[]> images, int window, Duration retryPause,
      CompletableFuture<Result> done) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new LoadFeeder(ctx, timers, pool, images, window,
        retryPause, done)));
  }

  private LoadFeeder(ActorContext<Msg> context, TimerScheduler<Msg> timers, ActorRef<Command> pool,
      List<byte[]> images, int window, Duration retryPause, CompletableFuture<Result> done) {
    super(context);
    this.pool = pool;
    this.images = images;
    this.done = done;
    this.timers = timers;
    this.retryPause = retryPause;
    this.replyTo = context.messageAdapter(Reply.class, Answer::new);
    this.start = System.nanoTime();
    while (nextToSend < Math.min(window, images.size())) {
      send(nextToSend++);
    }
  }

  @Override
  public Receive<Msg> createReceive() {
    return newReceiveBuilder()
        .onMessage(Answer.class, this::onAnswer)
        .onMessage(Retry.class, retry -> {
          send(retry.index());
          return this;
        })
        .build();
  }

  private Behavior<Msg> onAnswer(Answer answer) {
    Reply reply = answer.reply();
    if (reply instanceof Overloaded) {
      overloaded++;
      int index = Integer.parseInt(reply.requestId());
      timers.startSingleTimer(index, new Retry(index), retryPause);
      return this;
    }
    if (reply instanceof Classified) {
      classified++;
    } else {
      failed++;
      getContext().getLog().warn("benchmark request answered {}", reply);
    }
    if (classified + failed == images.size()) {
      done.complete(new Result(System.nanoTime() - start, classified, overloaded, failed));
      return Behaviors.stopped();
    }
    if (nextToSend < images.size()) {
      send(nextToSend++);
    }
    return this;
  }

  /** No deadline: a benchmark request must be computed however long the queue is. */
  private void send(int index) {
    pool.tell(new Classify(Integer.toString(index), images.get(index), null, replyTo));
  }
}
