package io.shoal.persistence.readmodel;

import com.typesafe.config.Config;
import io.shoal.protocol.pen.PenProtocol.Event;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The read-model projection: {@code pen_status}, {@code alerts} and {@code pen_assessments} from the pens' journal,
 * one exactly-once JDBC projection per {@code pens-<n>} tag, handling its events in groups
 * ({@code shoal.projections.read-model.group}). Exactly once because the handler's rows and the group's offset
 * commit in one transaction on the same database, so a crash between them cannot count a frame twice.
 * Handler and offset store run on {@code pekko.projection.jdbc.blocking-jdbc-dispatcher} (sized to
 * {@code shoal.db.pool-size}), never on the default dispatcher. Settings: {@code shoal.projections.read-model}.
 */
public final class PenReadModelProjection {

  /** The key under {@code shoal.projections}. */
  public static final String CONFIG_KEY = "read-model";

  private PenReadModelProjection() {}

  /**
   * Starts the projection on the nodes with {@code role} (null: every node); call it once on every node of the
   * cluster (ShardedDaemonProcess decides where each tag's instance runs). The database must be migrated first.
   *
   * @param dataSource the node's bounded read-model pool ({@code shoal.db}); the caller closes it after the
   *                   ActorSystem terminated
   */
  public static void init(ActorSystem<?> system, DataSource dataSource, String role) {
    ProjectionSettings settings = ProjectionSettings.fromConfig(system.settings().config(), CONFIG_KEY);
    TaggedProjections.start(system, settings.name(), role, settings.tags(),
        tag -> projection(system, dataSource, settings, tag));
  }

  /** The projection of one tag (what each ShardedDaemonProcess instance runs). */
  public static GroupedProjection<Offset, EventEnvelope<Event>> projection(ActorSystem<?> system,
      DataSource dataSource, ProjectionSettings settings, String tag) {
    SourceProvider<Offset, EventEnvelope<Event>> source =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
    RestartBackoff backoff = settings.restartBackoff();
    ProjectionMetrics metrics = ProjectionMetrics.of(settings.name());
    Config grouping = system.settings().config().getConfig("shoal.projections." + CONFIG_KEY + ".group");
    return JdbcProjection.<Offset, EventEnvelope<Event>, JdbcSession>groupedWithin(
            ProjectionId.of(settings.name(), tag),
            source,
            () -> new DataSourceJdbcSession(dataSource),
            () -> new PenReadModelHandler(metrics),
            system)
        .withGroup(grouping.getInt("after-envelopes"), grouping.getDuration("after-duration"))
        .withRestartBackoff(backoff.minBackoff(), backoff.maxBackoff(), backoff.randomFactor(),
            backoff.maxRestarts());
  }
}
