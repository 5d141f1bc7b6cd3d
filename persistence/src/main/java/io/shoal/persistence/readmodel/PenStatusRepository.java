package io.shoal.persistence.readmodel;

import io.shoal.protocol.pen.HealthStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads {@code pen_status}. Plain blocking JDBC: call it from a blocking dispatcher (the projections' or one of its
 * own), never from an actor's or the default dispatcher.
 */
public final class PenStatusRepository {

  private static final String COLUMNS =
      "pen_id, status, reasons::text AS reasons, frames_counted, updated_at, last_sequence_nr";

  private final DataSource dataSource;
  private final ReadModelLimits limits;

  public PenStatusRepository(DataSource dataSource, ReadModelLimits limits) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public Optional<PenStatusView> get(String penId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pen_status WHERE pen_id = ?")) {
      ps.setString(1, penId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /**
   * One page of pens ordered by pen id, keyset-paged: pass the last pen id of the previous page as
   * {@code afterPenId} (null for the first page). A page is at most {@code limit} pens, and never more than
   * {@code shoal.read-models.max-page-size}.
   *
   * @param status only pens with this status; null for all
   */
  public List<PenStatusView> list(HealthStatus status, String afterPenId, int limit) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM pen_status"
        + " WHERE (?::varchar IS NULL OR status = ?) AND (?::varchar IS NULL OR pen_id > ?)"
        + " ORDER BY pen_id LIMIT ?";
    String statusColumn = status == null ? null : status.name();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, statusColumn);
      ps.setString(2, statusColumn);
      ps.setString(3, afterPenId);
      ps.setString(4, afterPenId);
      ps.setInt(5, limits.rows(limit));
      List<PenStatusView> pens = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pens.add(row(rs));
        }
      }
      return pens;
    }
  }

  private static PenStatusView row(ResultSet rs) throws SQLException {
    return new PenStatusView(
        rs.getString("pen_id"),
        HealthStatus.valueOf(rs.getString("status")),
        PenReadModelWriter.reasons(rs.getString("reasons")),
        rs.getLong("frames_counted"),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        rs.getLong("last_sequence_nr"));
  }
}
