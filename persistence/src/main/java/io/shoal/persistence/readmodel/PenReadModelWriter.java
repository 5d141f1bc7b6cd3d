package io.shoal.persistence.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The read models' SQL: every write the projection makes to {@code pen_status}, {@code alerts} and
 * {@code pen_assessments}, each safe to repeat. The projection already stores its offset in the same transaction
 * (exactly once), but a reset offset, or a projection reading an old and a new tag while {@code tag-slices} changes,
 * can hand an event over again, and then nothing may move backwards or count twice:
 *
 * <ul>
 *   <li>{@code pen_status} changes only for an event newer than its {@code last_sequence_nr};
 *   <li>{@code pen_assessments} and {@code alerts} insert with {@code ON CONFLICT DO NOTHING} on their keys;
 *   <li>an alert moves only forwards: open to acknowledged, open or acknowledged to resolved.
 * </ul>
 *
 * Runs on the connection of the caller's transaction and never commits.
 */
final class PenReadModelWriter {

  /** alerts.reason is VARCHAR(1024): a longer reason is cut rather than failing (and stalling) the projection. */
  static final int MAX_REASON_LENGTH = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Any event: the pen exists from its first event on, as UNKNOWN until its first status change. */
  private static final String TOUCH_PEN =
      """
      INSERT INTO pen_status AS p (pen_id, status, frames_counted, updated_at, last_sequence_nr)
      VALUES (?, 'UNKNOWN', ?, ?, ?)
      ON CONFLICT (pen_id) DO UPDATE
        SET frames_counted = p.frames_counted + EXCLUDED.frames_counted,
            updated_at = GREATEST(p.updated_at, EXCLUDED.updated_at),
            last_sequence_nr = EXCLUDED.last_sequence_nr
        WHERE p.last_sequence_nr < EXCLUDED.last_sequence_nr
      """;

  private static final String SET_STATUS =
      """
      INSERT INTO pen_status AS p (pen_id, status, reasons, frames_counted, updated_at, last_sequence_nr)
      VALUES (?, ?, ?::jsonb, 0, ?, ?)
      ON CONFLICT (pen_id) DO UPDATE
        SET status = EXCLUDED.status,
            reasons = EXCLUDED.reasons,
            updated_at = GREATEST(p.updated_at, EXCLUDED.updated_at),
            last_sequence_nr = EXCLUDED.last_sequence_nr
        WHERE p.last_sequence_nr < EXCLUDED.last_sequence_nr
      """;

  private static final String INSERT_ASSESSMENT =
      """
      INSERT INTO pen_assessments (pen_id, seq_nr, frame_id, camera_id, captured_at, species, species_prob,
                                   condition, condition_prob, fish_present, model_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (pen_id, seq_nr) DO NOTHING
      """;

  private static final String INSERT_ALERT =
      """
      INSERT INTO alerts (alert_id, pen_id, kind, subject, severity, state, reason, raised_at)
      VALUES (?, ?, ?, ?, ?, 'open', ?, ?)
      ON CONFLICT (alert_id) DO NOTHING
      """;

  private static final String ACKNOWLEDGE_ALERT =
      "UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?"
          + " WHERE alert_id = ? AND state = 'open'";

  /** Keeps who acknowledged it: "acknowledged, then resolved" stays visible. */
  private static final String RESOLVE_ALERT =
      "UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE alert_id = ? AND state <> 'resolved'";

  private PenReadModelWriter() {}

  /** Creates or advances the pen's row; {@code framesCounted} is added (1 for a frame, else 0). */
  static void touchPen(Connection c, String penId, long seqNr, Instant at, int framesCounted) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(TOUCH_PEN)) {
      ps.setString(1, penId);
      ps.setLong(2, framesCounted);
      ps.setObject(3, timestamp(at));
      ps.setLong(4, seqNr);
      ps.executeUpdate();
    }
  }

  static void statusChanged(Connection c, String penId, long seqNr, Instant at, HealthStatusChanged e)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SET_STATUS)) {
      ps.setString(1, penId);
      ps.setString(2, e.to().name());
      ps.setString(3, json(e.reasons()));
      ps.setObject(4, timestamp(at));
      ps.setLong(5, seqNr);
      ps.executeUpdate();
    }
  }

  static void frameAssessed(Connection c, String penId, long seqNr, FrameAssessed e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_ASSESSMENT)) {
      ps.setString(1, penId);
      ps.setLong(2, seqNr);
      ps.setString(3, e.frameId());
      ps.setString(4, e.cameraId());
      ps.setObject(5, timestamp(e.capturedAt()));
      ps.setString(6, e.species());
      ps.setFloat(7, e.speciesProbability());
      ps.setString(8, e.condition());
      if (e.conditionProbability() == null) {
        ps.setNull(9, Types.REAL);
      } else {
        ps.setFloat(9, e.conditionProbability());
      }
      ps.setBoolean(10, e.fishPresent());
      ps.setString(11, e.modelVersion());
      ps.executeUpdate();
    }
  }

  static void alertRaised(Connection c, String penId, AlertRaised e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_ALERT)) {
      ps.setString(1, e.alertId());
      ps.setString(2, penId);
      ps.setString(3, AlertView.kindColumn(e.kind()));
      ps.setString(4, e.subject());
      ps.setString(5, e.severity().name());
      ps.setString(6, bounded(e.reason()));
      ps.setObject(7, timestamp(e.at()));
      ps.executeUpdate();
    }
  }

  static void alertAcknowledged(Connection c, AlertAcknowledged e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ACKNOWLEDGE_ALERT)) {
      ps.setString(1, e.by());
      ps.setObject(2, timestamp(e.at()));
      ps.setString(3, e.alertId());
      ps.executeUpdate();
    }
  }

  static void alertResolved(Connection c, AlertResolved e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RESOLVE_ALERT)) {
      ps.setObject(1, timestamp(e.at()));
      ps.setString(2, e.alertId());
      ps.executeUpdate();
    }
  }

  static OffsetDateTime timestamp(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static String bounded(String reason) {
    return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
  }

  private static String json(List<String> reasons) {
    try {
      return JSON.writeValueAsString(reasons);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serializes", e);
    }
  }

  /** For the repositories: the reasons column back as a list. */
  static List<String> reasons(String json) {
    try {
      return List.of(JSON.readValue(json, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pen_status.reasons is not a JSON array of strings: " + json, e);
    }
  }
}
