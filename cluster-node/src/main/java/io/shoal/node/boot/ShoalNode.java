package io.shoal.node.boot;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import io.shoal.node.inference.InferenceListener;
import io.shoal.node.inference.InferenceMetrics;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.ModelBundle;
import io.shoal.node.inference.ModelManifest;
import io.shoal.node.inference.OnnxModel;
import io.shoal.node.ingest.IngestMetrics;
import io.shoal.node.pen.PenEntity;
import io.shoal.observability.metrics.MetricsRuntime;
import io.shoal.observability.metrics.MetricsSettings;
import io.shoal.persistence.DataSources;
import io.shoal.persistence.Migrations;
import io.shoal.persistence.readmodel.ReadModelGauges;
import io.shoal.protocol.inference.InferenceProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Shoal node: one ActorSystem, a cluster member with the roles of its configuration (DESIGN.md §1).
 * <ul>
 *   <li>{@code inference}: loads the model and offers its worker pool to the cluster ({@link InferenceAccess});</li>
 *   <li>every node: pen sharding (a proxy on nodes without {@code ingest}) with a router to inference;</li>
 *   <li>{@code ingest}: hosts pens and, once this member is up, runs the read-model and outbound projections and
 *       the Kafka frame ingestion ({@link IngestRole}).</li>
 * </ul>
 * {@link #close()} (or a JVM shutdown, or the node being downed) runs coordinated shutdown: the ingestion drains first,
 * then shards hand over, then the model and the database pool close.
 */
public final class ShoalNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ShoalNode.class);

  private final ActorSystem<Void> system;
  private final List<String> roles;
  private final IngestMetrics ingestMetrics;
  private final CompletionStage<ServerBinding> apiBinding;
  private final CompletionStage<Uri> management;
  private final MetricsRuntime metrics;

  private ShoalNode(ActorSystem<Void> system, List<String> roles, IngestMetrics ingestMetrics,
      CompletionStage<ServerBinding> apiBinding, CompletionStage<Uri> management, MetricsRuntime metrics) {
    this.system = system;
    this.metrics = metrics;
    this.roles = roles;
    this.ingestMetrics = ingestMetrics;
    this.apiBinding = apiBinding;
    this.management = management;
  }

  /** Where /alive and /ready are served, once bound. */
  public CompletionStage<Uri> management() {
    return management;
  }

  /** Where this node's HTTP API listens, once bound; empty on a node without the {@code api} role. */
  public Optional<CompletionStage<ServerBinding>> apiBinding() {
    return Optional.ofNullable(apiBinding);
  }

  /**
   * Starts a node on {@code config} (see {@link NodeConfig#load}); returns once the ActorSystem runs. Joining the
   * cluster and starting ingestion continue in the background.
   *
   * @param listener told about every inference batch of this node (metrics, tests)
   */
  public static ShoalNode start(Config config, InferenceListener listener) {
    // A misconfigured node fails at once, before Kamon's agent has cost it seconds of start-up.
    NodeSettings.fromConfig(config);
    // Kamon first (when shoal.metrics.enabled): its agent instruments only classes loaded after it attached.
    return start(config, listener, MetricsRuntime.start(config));
  }

  /**
   * As {@link #start(Config, InferenceListener)} with metrics the caller started earlier (before embedded services
   * load the JDBC and Kafka classes, so that Kamon's agent sees them first). The node owns {@code metrics} from now
   * on and closes it when it has stopped, or at once if it cannot start.
   */
  public static ShoalNode start(Config config, InferenceListener listener, MetricsRuntime metrics) {
    NodeSettings settings;
    try {
      settings = NodeSettings.fromConfig(config);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    // Closed last (resources close newest first), once every actor has stopped recording.
    List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    resources.add(metrics);
    OnnxModel model;
    try {
      if (settings.migrateDatabase()) {
        int applied = Migrations.apply(settings.database());
        log.info("Database schema up to date ({} migration(s) applied now)", applied);
      }
      // Opened before the actors exist: loading is blocking file I/O and a broken model must stop the node at once.
      model = settings.inference() != null ? OnnxModel.open(settings.inference()) : null;
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
    InferenceListener listeners = new InferenceMetrics().andThen(listener);
    if (model != null) {
      resources.add(model);
      ModelGauge modelGauge = ModelGauge.loaded(model);
      resources.add(modelGauge);
      listeners = listeners.andThen(modelGauge);
    }
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Behaviors.empty(), NodeConfig.SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
    // Closed only after every actor has stopped: no worker can still be running the model, no projection writing.
    system.getWhenTerminated().thenRun(() -> closeAll(resources));
    try {
      return startRoles(system, settings, model, listeners, resources, metrics);
    } catch (RuntimeException e) {
      // A half-started node must not linger with its threads (and a database pool) after the caller gave up on it.
      system.terminate();
      throw e;
    }
  }

  private static ShoalNode startRoles(ActorSystem<Void> system, NodeSettings settings, OnnxModel model,
      InferenceListener listener, List<AutoCloseable> resources, MetricsRuntime metrics) {
    if (model != null) {
      InferenceAccess.startPool(system, settings.inference(), model, listener);
    }
    ActorRef<InferenceProtocol.Command> inference = InferenceAccess.router(system);
    ClusterSharding sharding = ClusterSharding.get(system);
    PenEntity.initSharding(system, sharding, NodeRoles.INGEST, inference);

    MetricsSettings metricsSettings = MetricsSettings.fromConfig(system.settings().config());
    if (metrics.enabled()) {
      system.systemActorOf(ClusterMetrics.create(metricsSettings.clusterRefreshInterval()), "cluster-metrics",
          Props.empty());
    }
    HikariDataSource database = null;
    if (settings.ingest() != null || settings.api()) {
      // Read models, projection offsets, users and the audit log: one bounded pool for the node.
      database = DataSources.create(settings.database(), "shoal-read-models");
      resources.add(database);
      NodeResources.get(system).database(database);
    }
    IngestMetrics ingestMetrics = null;
    CompletionStage<ServerBinding> apiBinding = null;
    if (settings.ingest() != null) {
      ingestMetrics = IngestRole.startWhenUp(system, sharding, database, settings);
    }
    if (settings.api()) {
      ModelManifest manifest = model != null ? model.manifest()
          : ModelBundle.load(InferenceSettings.fromConfig(system.settings().config()).modelLocation()).manifest();
      apiBinding = ApiRole.start(system, sharding, inference, database, manifest, settings.demoSecret());
      if (metrics.enabled()) {
        ReadModelGauges.start(system, database, metricsSettings.readModelPollInterval());
      }
      apiBinding.whenComplete((binding, error) -> {
        if (error != null) {
          log.error("The HTTP API could not start; stopping the node", error);
          CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
        }
      });
    }

    CompletionStage<Uri> management = PekkoManagement.get(system.classicSystem()).start();
    management.whenComplete((uri, error) -> {
      if (error != null) {
        log.error("The management endpoint (/alive, /ready) could not start; stopping the node", error);
        CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
      }
    });

    Cluster cluster = Cluster.get(system);
    if (settings.seedNodes().isEmpty()) {
      log.info("Forming a cluster of its own (shoal.cluster.self-join): {}", cluster.selfMember().address());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    log.info("Shoal node {} started with roles {}", cluster.selfMember().address(), settings.roles());
    return new ShoalNode(system, settings.roles(), ingestMetrics, apiBinding, management, metrics);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public List<String> roles() {
    return roles;
  }

  /** Kamon and the scrape endpoint of this node (off unless {@code shoal.metrics.enabled}). */
  public MetricsRuntime metrics() {
    return metrics;
  }

  /** What this node's frame ingestion did so far; empty on a node without the {@code ingest} role. */
  public Optional<IngestMetrics> ingestMetrics() {
    return Optional.ofNullable(ingestMetrics);
  }

  /** Completes when the node has stopped, whoever stopped it. */
  public CompletableFuture<Done> whenTerminated() {
    return system.getWhenTerminated().toCompletableFuture();
  }

  /** Leaves the cluster gracefully and waits up to {@code patience} for the node to stop. */
  public void stop(Duration patience) throws TimeoutException {
    CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
    try {
      whenTerminated().get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the node failed while stopping", e.getCause());
    }
  }

  /** {@link #stop} within the coordinated-shutdown phases' total timeout (the drain included). */
  @Override
  public void close() throws TimeoutException {
    stop(Duration.ofMillis(CoordinatedShutdown.get(system).totalTimeout().toMillis()));
  }

  private static void closeAll(List<AutoCloseable> resources) {
    // Newest first: the database pool of the projections before the model the pool never needed.
    for (int i = resources.size() - 1; i >= 0; i--) {
      AutoCloseable resource = resources.get(i);
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Closing {} failed", resource, e);
      }
    }
  }
}
