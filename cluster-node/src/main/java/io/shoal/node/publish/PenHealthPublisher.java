package io.shoal.node.publish;

import io.shoal.persistence.readmodel.ProjectionMetrics;
import io.shoal.persistence.readmodel.DataSourceJdbcSession;
import io.shoal.persistence.readmodel.ProjectionSettings;
import io.shoal.persistence.readmodel.RestartBackoff;
import io.shoal.persistence.readmodel.TaggedProjections;
import io.shoal.protocol.pen.PenProtocol.Event;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The pen-health projection: pens' health changes, alerts and camera liveness to the Kafka topic
 * {@code shoal.pen-health} ({@link PenHealthRecords} is the contract), one at-least-once projection per
 * {@code pens-<n>} tag with its offsets in PostgreSQL. At least once, because Kafka and the offset store cannot
 * commit together: a crash between a send and the next offset save publishes those records again (consumers
 * deduplicate on penId + sequenceNr). Settings: {@code shoal.projections.pen-health}.
 */
public final class PenHealthPublisher {

  private PenHealthPublisher() {}

  /**
   * Starts the projection on the nodes with {@code role} (null: every node); call it once on every node of the
   * cluster. The database must be migrated first. The node's Kafka producer is created when the first instance
   * starts on it and closed when the ActorSystem shuts down.
   *
   * @param dataSource       the node's bounded read-model pool ({@code shoal.db}), for the offset store
   * @param bootstrapServers Kafka brokers, host:port[,host:port...] ({@code shoal.kafka.bootstrap-servers})
   */
  public static void init(ActorSystem<?> system, DataSource dataSource, String bootstrapServers, String role) {
    PenHealthSettings settings = PenHealthSettings.fromConfig(system.settings().config());
    Supplier<KafkaSender> sender = new NodeSender(system, bootstrapServers, settings);
    ProjectionSettings projection = settings.projection();
    TaggedProjections.start(system, projection.name(), role, projection.tags(),
        tag -> projection(system, dataSource, settings, sender, tag));
  }

  /** The projection of one tag (what each ShardedDaemonProcess instance runs). */
  static AtLeastOnceProjection<Offset, EventEnvelope<Event>> projection(ActorSystem<?> system,
      DataSource dataSource, PenHealthSettings settings, Supplier<KafkaSender> sender, String tag) {
    SourceProvider<Offset, EventEnvelope<Event>> source =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
    RestartBackoff backoff = settings.projection().restartBackoff();
    ProjectionMetrics metrics = ProjectionMetrics.of(settings.projection().name());
    return JdbcProjection.<Offset, EventEnvelope<Event>, JdbcSession>atLeastOnceAsync(
            ProjectionId.of(settings.projection().name(), tag),
            source,
            () -> new DataSourceJdbcSession(dataSource),
            () -> new PenHealthHandler(settings.topic(), sender.get(), metrics),
            system)
        .withSaveOffset(settings.saveOffsetAfterEnvelopes(), settings.saveOffsetAfter())
        .withRestartBackoff(backoff.minBackoff(), backoff.maxBackoff(), backoff.randomFactor(),
            backoff.maxRestarts());
  }

  /**
   * One producer per node, shared by the node's projection instances (KafkaProducer is thread-safe and batches
   * across them), created on first use so that nodes running no instance open no Kafka connections.
   */
  private static final class NodeSender implements Supplier<KafkaSender> {

    private final ActorSystem<?> system;
    private final String bootstrapServers;
    private final PenHealthSettings settings;
    private KafkaSender sender;

    NodeSender(ActorSystem<?> system, String bootstrapServers, PenHealthSettings settings) {
      this.system = system;
      this.bootstrapServers = bootstrapServers;
      this.settings = settings;
    }

    @Override
    public synchronized KafkaSender get() {
      if (sender == null) {
        Executor sendExecutor = system.dispatchers()
            .lookup(DispatcherSelector.fromConfig(PenHealthSettings.SEND_DISPATCHER));
        KafkaSender created = KafkaSender.create(bootstrapServers, settings, sendExecutor);
        // After the projections stopped (service-unbind: ShardedDaemonProcess stops them in cluster shutdown).
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-pen-health-producer", () -> CompletableFuture.supplyAsync(() -> {
              created.close();
              return Done.getInstance();
            }, sendExecutor));
        sender = created;
      }
      return sender;
    }
  }
}
