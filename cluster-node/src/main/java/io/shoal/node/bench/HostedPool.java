package io.shoal.node.bench;

import io.shoal.protocol.inference.InferenceProtocol.Command;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * An inference pool spawned under a parent of its own, because a typed actor can only be stopped by its parent:
 * {@link #close} stops the parent, which stops the pool first, and returns once both are gone.
 */
final class HostedPool implements AutoCloseable {

  private enum Stop { INSTANCE }

  private final String name;
  private final ActorRef<Stop> host;
  private final ActorRef<Command> pool;
  private final CompletableFuture<Void> stopped;
  private final Duration timeout;

  private HostedPool(String name, ActorRef<Stop> host, ActorRef<Command> pool, CompletableFuture<Void> stopped,
      Duration timeout) {
    this.name = name;
    this.host = host;
    this.pool = pool;
    this.stopped = stopped;
    this.timeout = timeout;
  }

  /** Spawns {@code pool} under a system-level parent called {@code name}; {@code timeout} bounds start and stop. */
  static HostedPool start(ActorSystem<?> system, String name, Behavior<Command> pool, Duration timeout)
      throws InterruptedException {
    CompletableFuture<ActorRef<Command>> started = new CompletableFuture<>();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Behavior<Stop> parent = Behaviors.setup(ctx -> {
      started.complete(ctx.spawn(pool, "pool"));
      return Behaviors.receive(Stop.class)
          .onMessage(Stop.class, stop -> Behaviors.stopped())
          // A parent's PostStop comes after all its children have stopped.
          .onSignal(PostStop.class, signal -> {
            stopped.complete(null);
            return Behaviors.same();
          })
          .build();
    });
    ActorRef<Stop> host = system.systemActorOf(parent, name, Props.empty());
    return new HostedPool(name, host, Await.within(started, timeout, "starting " + name), stopped, timeout);
  }

  /** Where to send {@code Classify}. */
  ActorRef<Command> ref() {
    return pool;
  }

  /** Stops the pool and waits until it has stopped. */
  @Override
  public void close() {
    host.tell(Stop.INSTANCE);
    Await.closing(stopped, timeout, "stopping " + name);
  }
}
