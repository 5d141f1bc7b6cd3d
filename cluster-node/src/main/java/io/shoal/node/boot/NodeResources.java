package io.shoal.node.boot;

import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * What the readiness checks need from their node and cannot be handed through their constructors (pekko-management
 * creates them by reflection with only the ActorSystem): the node's database pool.
 */
public final class NodeResources implements Extension {

  private static final Id ID = new Id();

  private volatile DataSource database;

  public static NodeResources get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  void database(DataSource database) {
    this.database = database;
  }

  /** The node's pool, or null on a node that has none (neither ingest nor api). */
  public DataSource database() {
    return database;
  }

  private static final class Id extends ExtensionId<NodeResources> {
    @Override
    public NodeResources createExtension(ActorSystem<?> system) {
      return new NodeResources();
    }
  }
}
