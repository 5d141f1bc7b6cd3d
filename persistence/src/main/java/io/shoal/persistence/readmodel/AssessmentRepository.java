package io.shoal.persistence.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads {@code pen_assessments}: a pen's frames in a capture-time range. Plain blocking JDBC: call it from a
 * blocking dispatcher (the projections' or one of its own), never from an actor's or the default dispatcher.
 */
public final class AssessmentRepository {

  private static final String BY_PEN_AND_TIME =
      """
      SELECT pen_id, seq_nr, frame_id, camera_id, captured_at, species, species_prob, condition, condition_prob,
             fish_present, model_version
      FROM pen_assessments
      WHERE pen_id = ? AND captured_at >= ? AND captured_at < ?
      ORDER BY captured_at, seq_nr
      LIMIT ?
      """;

  private final DataSource dataSource;
  private final ReadModelLimits limits;

  public AssessmentRepository(DataSource dataSource, ReadModelLimits limits) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The pen's frames captured in {@code [from, to)}, oldest first, at most {@code limit} (capped at
   * max-page-size). For the next page, ask again from the last row's capture time (rows at that very instant
   * may then repeat; the sequence number tells them apart).
   */
  public List<AssessmentView> byPen(String penId, Instant from, Instant to, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(BY_PEN_AND_TIME)) {
      ps.setString(1, penId);
      ps.setObject(2, PenReadModelWriter.timestamp(from));
      ps.setObject(3, PenReadModelWriter.timestamp(to));
      ps.setInt(4, limits.rows(limit));
      List<AssessmentView> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs));
        }
      }
      return rows;
    }
  }

  private static AssessmentView row(ResultSet rs) throws SQLException {
    float conditionProbability = rs.getFloat("condition_prob");
    Float condition = rs.wasNull() ? null : conditionProbability;
    float speciesProbability = rs.getFloat("species_prob");
    Float species = rs.wasNull() ? null : speciesProbability;
    return new AssessmentView(
        rs.getString("pen_id"),
        rs.getLong("seq_nr"),
        rs.getString("frame_id"),
        rs.getString("camera_id"),
        rs.getObject("captured_at", OffsetDateTime.class).toInstant(),
        rs.getString("species"),
        species,
        rs.getString("condition"),
        condition,
        rs.getBoolean("fish_present"),
        rs.getString("model_version"));
  }
}
