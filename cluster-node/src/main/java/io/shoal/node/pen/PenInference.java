package io.shoal.node.pen;

import com.typesafe.config.Config;
import io.shoal.protocol.inference.InferenceProtocol;
import java.time.Duration;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a pen entity reaches the inference actors ({@code shoal.pen.inference}): where to send a frame, how many of
 * its frames may wait for a prediction at once, and how long a prediction may take.
 *
 * @param actors      the inference pool (local) or a receptionist group router (any {@code inference} node)
 * @param maxInFlight frames of one pen waiting for a prediction at once; further frames wait in the entity's
 *                    bounded stash until one is answered
 * @param timeout     a frame not computed this long after the entity asked is answered Expired by the worker and
 *                    deferred by the entity (the ingest sends it again later)
 */
public record PenInference(ActorRef<InferenceProtocol.Command> actors, int maxInFlight, Duration timeout) {

  public static final String CONFIG_PATH = "shoal.pen.inference";

  /**
   * The ask itself gives up only this many timeouts after asking: the worker answers Expired at the deadline, so an
   * ask that times out means no worker answered at all (one was stopped, or a remote node went away).
   */
  static final int ASK_TIMEOUT_FACTOR = 2;

  public PenInference {
    Objects.requireNonNull(actors, "actors");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(CONFIG_PATH + ".max-in-flight must be at least 1, was " + maxInFlight);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(CONFIG_PATH + ".timeout must be positive, was " + timeout);
    }
  }

  public static PenInference fromConfig(Config root, ActorRef<InferenceProtocol.Command> actors) {
    Config c = root.getConfig(CONFIG_PATH);
    return new PenInference(actors, c.getInt("max-in-flight"), c.getDuration("timeout"));
  }

  Duration askTimeout() {
    return timeout.multipliedBy(ASK_TIMEOUT_FACTOR);
  }
}
