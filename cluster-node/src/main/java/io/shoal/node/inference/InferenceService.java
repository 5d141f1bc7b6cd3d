package io.shoal.node.inference;

import io.shoal.protocol.inference.InferenceProtocol.Command;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Routers;

/**
 * A node's inference pool: {@code workers} {@link InferenceWorker}s sharing one model, behind a round-robin pool
 * router. Send {@code Classify} to the returned ref; each request gets exactly one reply.
 *
 * <p>Why plain round robin rather than a least-pending front: every request costs the same (each frame becomes
 * the same C x H x W tensor and the workers share one session), so round robin already spreads load evenly, with no
 * extra hop and no bookkeeping of in-flight requests in a front actor. The price is that a worker can answer
 * Overloaded while a sibling still has room, which only happens when the pool as a whole is near its capacity
 * ({@code workers x queue-capacity}) - the moment callers should back off anyway.
 *
 * <p>The workers themselves are light actors on {@value #WORKER_DISPATCHER}, so that answering Overloaded never
 * waits behind other work; the model runs on {@value #DISPATCHER} and decoding on {@value #PREPROCESS_DISPATCHER}.
 * The caller owns the model and closes it after stopping the pool.
 */
public final class InferenceService {

  /** The worker actors: non-blocking bookkeeping only. */
  public static final String WORKER_DISPATCHER = "shoal.inference.worker-dispatcher";
  /** Blocking ONNX Runtime calls, one thread per worker. */
  public static final String DISPATCHER = "shoal.inference.dispatcher";
  /** Image decoding and resizing. */
  public static final String PREPROCESS_DISPATCHER = "shoal.inference.preprocess-dispatcher";

  private InferenceService() {}

  /** The pool's behavior, to spawn wherever the caller likes. */
  public static Behavior<Command> create(InferenceSettings settings, BatchModel model, InferenceListener listener) {
    return Behaviors.setup(ctx -> {
      Executor inference = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER));
      Executor preprocess = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(PREPROCESS_DISPATCHER));
      ImagePreprocessor preprocessor = new ImagePreprocessor(model.manifest().input(), settings.preprocessing());
      InferenceWorker.Dependencies deps = new InferenceWorker.Dependencies(
          model, preprocessor, preprocess, inference, Clock.systemUTC(), listener);
      // Supervised inside create(): a message that hits a bug is logged and dropped (that caller's ask times out)
      // and the worker resumes with its state intact; a restart would mix its predecessor's replies into its own.
      Behavior<Command> worker = InferenceWorker.create(settings.batching(), deps);
      ctx.getLog().info("Inference pool: {} worker(s), model {}, max-batch-size {}, max-batch-delay {}, "
              + "queue-capacity {} per worker", settings.workers(), model.manifest().modelVersion(),
          settings.batching().maxBatchSize(), settings.batching().maxBatchDelay(),
          settings.batching().queueCapacity());
      return Routers.pool(settings.workers(), worker).withRoundRobinRouting()
          .withRouteeProps(DispatcherSelector.fromConfig(WORKER_DISPATCHER));
    });
  }

  /** Spawns the pool from outside any actor (CLI, benchmark): a system-level actor of {@code system}. */
  public static ActorRef<Command> start(ActorSystem<?> system, String name, InferenceSettings settings,
      BatchModel model, InferenceListener listener) {
    // The router relays every request and every Overloaded answer: it lives on the workers' dispatcher too.
    return system.systemActorOf(create(settings, model, listener), name,
        DispatcherSelector.fromConfig(WORKER_DISPATCHER));
  }
}
