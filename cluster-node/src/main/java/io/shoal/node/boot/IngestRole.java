package io.shoal.node.boot;

import io.shoal.node.ingest.FrameIngestion;
import io.shoal.node.ingest.IngestMetrics;
import io.shoal.node.ingest.ShardedPenGateway;
import io.shoal.node.publish.PenHealthPublisher;
import io.shoal.persistence.readmodel.PenReadModelProjection;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node with the {@code ingest} role runs besides hosting pens: the projections that keep the read models and
 * the outbound health topic up to date, and the Kafka frame ingestion. All start once this member is up, so the
 * first frames do not wait in sharding's buffer for a cluster that has not formed yet.
 */
final class IngestRole {

  private static final Logger log = LoggerFactory.getLogger(IngestRole.class);

  private IngestRole() {}

  /**
   * Returns the ingestion's metrics at once; the rest starts when the member is up. {@code settings} were checked
   * before the node started, so what fails here is the environment (e.g. Kafka unreachable): the node then stops
   * rather than host pens that receive no frames.
   */
  static IngestMetrics startWhenUp(ActorSystem<?> system, ClusterSharding sharding, DataSource readModels,
      NodeSettings settings) {
    IngestMetrics metrics = new IngestMetrics();
    org.apache.pekko.cluster.Cluster.get(system.classicSystem()).registerOnMemberUp(() -> {
      try {
        start(system, sharding, readModels, settings, metrics);
      } catch (RuntimeException | Error e) {
        log.error("The ingest role could not start; stopping the node", e);
        CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
      }
    });
    return metrics;
  }

  private static void start(ActorSystem<?> system, ClusterSharding sharding, DataSource readModels,
      NodeSettings settings, IngestMetrics metrics) {
    PenReadModelProjection.init(system, readModels, NodeRoles.INGEST);
    PenHealthPublisher.init(system, readModels, settings.kafka().bootstrapServers(), NodeRoles.INGEST);
    FrameIngestion ingestion = FrameIngestion.start(system, settings.kafka(), settings.ingest(),
        new ShardedPenGateway(sharding, settings.ingest().askTimeout()), metrics);
    // Before the shards hand their pens over: frames in flight are persisted and their offsets committed, so the
    // next owner of the partitions starts right after them.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "drain-frame-ingestion",
        () -> ingestion.stop().thenApply(done -> {
          log.info("Frame ingestion drained: {}", metrics.snapshot());
          return Done.getInstance();
        }));
    log.info("Ingest role up: read-model projections and frame ingestion started");
  }
}
