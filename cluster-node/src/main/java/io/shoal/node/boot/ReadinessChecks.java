package io.shoal.node.boot;

import io.shoal.persistence.readmodel.ReadModels;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The node's readiness checks, served by pekko-management at {@code /ready} (shoal-node.conf lists them): a node
 * is ready only when it is an Up cluster member, some node's inference pool is registered (pens can classify) and
 * its database answers. pekko-management creates each check with the classic ActorSystem.
 */
public final class ReadinessChecks {

  /** A check's own bound; pekko-management's check-timeout applies on top. */
  private static final Duration ASK = Duration.ofSeconds(1);
  private static final int VALIDATION_SECONDS = 1;

  private ReadinessChecks() {}

  /** This node is an Up (or weakly up) member of the cluster. */
  public static final class ClusterUp implements Supplier<CompletionStage<Boolean>> {
    private final ActorSystem<?> system;

    public ClusterUp(org.apache.pekko.actor.ActorSystem system) {
      this.system = Adapter.toTyped(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
      MemberStatus status = Cluster.get(system).selfMember().status();
      return CompletableFuture.completedFuture(status == MemberStatus.up() || status == MemberStatus.weaklyUp());
    }
  }

  /** At least one inference pool (this node's or another's) is registered, so the model is loaded somewhere. */
  public static final class InferenceAvailable implements Supplier<CompletionStage<Boolean>> {
    private final ActorSystem<?> system;

    public InferenceAvailable(org.apache.pekko.actor.ActorSystem system) {
      this.system = Adapter.toTyped(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
      return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
              replyTo -> Receptionist.find(InferenceAccess.SERVICE_KEY, replyTo), ASK, system.scheduler())
          .thenApply(listing -> !listing.getServiceInstances(InferenceAccess.SERVICE_KEY).isEmpty());
    }
  }

  /** The node's database pool hands out a connection that the server confirms valid. */
  public static final class DatabaseReachable implements Supplier<CompletionStage<Boolean>> {
    private final ActorSystem<?> system;

    public DatabaseReachable(org.apache.pekko.actor.ActorSystem system) {
      this.system = Adapter.toTyped(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
      DataSource database = NodeResources.get(system).database();
      if (database == null) {
        return CompletableFuture.completedFuture(true); // this node does not use the database
      }
      // JDBC blocks: on the read models' dispatcher, never on the one the check is called from.
      Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig(ReadModels.DISPATCHER));
      return CompletableFuture.supplyAsync(() -> {
        try (Connection connection = database.getConnection()) {
          return connection.isValid(VALIDATION_SECONDS);
        } catch (Exception e) {
          return false;
        }
      }, blocking);
    }
  }
}
