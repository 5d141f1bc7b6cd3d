package io.shoal.persistence.readmodel;

import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.JdbcSession;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Keeps {@code pen_status}, {@code alerts} and {@code pen_assessments} in step with the pens' journal, a group of
 * events at a time, in journal order, inside the one transaction the projection commits together with the group's
 * last offset (see {@link PenReadModelWriter} for why a repeated event is harmless). Grouping spares a commit per
 * frame, which was most of the database's work per frame.
 *
 * <ul>
 *   <li>every event creates or advances the pen's {@code pen_status} row ({@code updated_at} = when it was
 *       journaled), so a pen is listed from its first event on;
 *   <li>{@link FrameAssessed}: one {@code pen_assessments} row, {@code frames_counted + 1};
 *   <li>{@link HealthStatusChanged}: status and reasons;
 *   <li>{@link AlertRaised}, {@link AlertAcknowledged}, {@link AlertResolved}: the alert's row and state;
 *   <li>camera and configuration events: only the pen row's time and sequence number. A camera's offline spell is
 *       already visible as its CAMERA_OFFLINE alert and in the status reasons; a camera table would duplicate both.
 * </ul>
 *
 * Called by pekko-projection-jdbc on its blocking JDBC dispatcher.
 */
public final class PenReadModelHandler extends JdbcHandler<List<EventEnvelope<Event>>, JdbcSession> {

  private final ProjectionMetrics metrics;

  public PenReadModelHandler(ProjectionMetrics metrics) {
    this.metrics = metrics;
  }

  /** A handler counting under the default projection name (tests). */
  public PenReadModelHandler() {
    this(ProjectionMetrics.of("pen-read-model"));
  }

  @Override
  public void process(JdbcSession session, List<EventEnvelope<Event>> envelopes) throws Exception {
    session.withConnection(c -> {
      for (EventEnvelope<Event> envelope : envelopes) {
        apply(c, PenPersistenceIds.penId(envelope.persistenceId()), envelope.sequenceNr(),
            Instant.ofEpochMilli(envelope.timestamp()), envelope.event());
      }
      return null;
    });
    envelopes.forEach(metrics::handled);
  }

  static void apply(Connection c, String penId, long seqNr, Instant journaledAt, Event event) throws SQLException {
    if (event instanceof HealthStatusChanged e) {
      PenReadModelWriter.statusChanged(c, penId, seqNr, journaledAt, e);
      return;
    }
    PenReadModelWriter.touchPen(c, penId, seqNr, journaledAt, event instanceof FrameAssessed ? 1 : 0);
    if (event instanceof FrameAssessed e) {
      PenReadModelWriter.frameAssessed(c, penId, seqNr, e);
    } else if (event instanceof AlertRaised e) {
      PenReadModelWriter.alertRaised(c, penId, e);
    } else if (event instanceof AlertAcknowledged e) {
      PenReadModelWriter.alertAcknowledged(c, e);
    } else if (event instanceof AlertResolved e) {
      PenReadModelWriter.alertResolved(c, e);
    }
  }
}
