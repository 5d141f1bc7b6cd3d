package io.shoal.node.boot;

import io.shoal.node.inference.InferenceListener;
import io.shoal.node.inference.InferenceService;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.OnnxModel;
import io.shoal.protocol.inference.InferenceProtocol;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Routers;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * How pens reach inference anywhere in the cluster (DESIGN.md §1): every {@code inference} node registers its pool
 * with the receptionist, and every node gets a group router over all registered pools that prefers the local one.
 * A pen on an ingest-only node thus sends its frames to inference nodes; on a node with both roles they stay local.
 */
public final class InferenceAccess {

  /** Under this key every inference node's pool is registered. */
  public static final ServiceKey<InferenceProtocol.Command> SERVICE_KEY =
      ServiceKey.create(InferenceProtocol.Command.class, "shoal-inference");

  private InferenceAccess() {}

  /** Starts this node's pool on {@code model} and offers it to the cluster. */
  public static ActorRef<InferenceProtocol.Command> startPool(ActorSystem<?> system, InferenceSettings settings,
      OnnxModel model, InferenceListener listener) {
    ActorRef<InferenceProtocol.Command> pool =
        InferenceService.start(system, "inference", settings, model, listener);
    system.receptionist().tell(Receptionist.register(SERVICE_KEY, pool));
    return pool;
  }

  /**
   * The router pens send their frames to: round robin over the registered pools, local ones first. Until the first
   * listing arrives it holds messages in its own bounded stash; if no pool is ever registered, the pens' asks time
   * out and their frames are deferred, never lost.
   */
  public static ActorRef<InferenceProtocol.Command> router(ActorSystem<?> system) {
    return system.systemActorOf(Routers.group(SERVICE_KEY).withRoundRobinRouting(true), "inference-router",
        DispatcherSelector.fromConfig(InferenceService.WORKER_DISPATCHER));
  }
}
