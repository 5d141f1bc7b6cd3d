package io.shoal.persistence.readmodel;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;

/**
 * Runs one projection instance per tag, spread over the cluster's nodes with {@code role} by ShardedDaemonProcess:
 * each tag is read by exactly one instance at a time, and an instance whose node leaves is started on another. Every
 * node that calls this must pass the same name and tags (ShardedDaemonProcess's contract).
 */
public final class TaggedProjections {

  private TaggedProjections() {}

  /**
   * @param role          only nodes with this cluster role run instances; null = every node
   * @param projectionFor the projection of one tag (built on the node that runs it)
   */
  public static void start(ActorSystem<?> system, String name, String role, List<String> tags,
      Function<String, Projection<?>> projectionFor) {
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("projection " + name + " needs at least one tag");
    }
    List<String> fixed = List.copyOf(tags);
    ShardedDaemonProcessSettings settings = ShardedDaemonProcessSettings.create(system);
    if (role != null) {
      settings = settings.withRole(role);
    }
    ShardedDaemonProcess.get(system).init(
        ProjectionBehavior.Command.class,
        name,
        fixed.size(),
        index -> ProjectionBehavior.create(projectionFor.apply(fixed.get(index))),
        settings,
        // Lets the projection finish its current envelope and store its offset when the instance moves or stops.
        Optional.of(ProjectionBehavior.stopMessage()));
  }
}
