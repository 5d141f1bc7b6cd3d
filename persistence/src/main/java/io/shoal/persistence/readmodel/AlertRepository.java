package io.shoal.persistence.readmodel;

import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads {@code alerts}, newest first. Plain blocking JDBC: call it from a blocking dispatcher (the projections' or
 * one of its own), never from an actor's or the default dispatcher.
 */
public final class AlertRepository {

  private static final String COLUMNS =
      "alert_id, pen_id, kind, subject, severity, state, reason, raised_at, acknowledged_by, acknowledged_at,"
          + " resolved_at";
  /** Ties on raised_at (one event batch raises several alerts at the same instant) break by id, stably. */
  private static final String NEWEST_FIRST = " ORDER BY raised_at DESC, alert_id DESC LIMIT ?";

  private final DataSource dataSource;
  private final ReadModelLimits limits;

  public AlertRepository(DataSource dataSource, ReadModelLimits limits) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public Optional<AlertView> get(String alertId) throws SQLException {
    List<AlertView> found = query("SELECT " + COLUMNS + " FROM alerts WHERE alert_id = ? LIMIT ?", alertId, 1);
    return found.stream().findFirst();
  }

  /** Alerts in {@code state} across all pens, at most {@code limit} (capped at max-page-size). */
  public List<AlertView> byState(AlertState state, int limit) throws SQLException {
    return query("SELECT " + COLUMNS + " FROM alerts WHERE state = ?" + NEWEST_FIRST, state.column(),
        limits.rows(limit));
  }

  /** Alerts of one pen in any state, at most {@code limit} (capped at max-page-size). */
  public List<AlertView> byPen(String penId, int limit) throws SQLException {
    return query("SELECT " + COLUMNS + " FROM alerts WHERE pen_id = ?" + NEWEST_FIRST, penId, limits.rows(limit));
  }

  private List<AlertView> query(String sql, String key, int rows) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      ps.setInt(2, rows);
      List<AlertView> alerts = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          alerts.add(row(rs));
        }
      }
      return alerts;
    }
  }

  private static AlertView row(ResultSet rs) throws SQLException {
    return new AlertView(
        rs.getString("alert_id"),
        rs.getString("pen_id"),
        AlertView.kindFromColumn(rs.getString("kind")),
        rs.getString("subject"),
        AlertSeverity.valueOf(rs.getString("severity")),
        AlertState.fromColumn(rs.getString("state")),
        rs.getString("reason"),
        instant(rs, "raised_at"),
        rs.getString("acknowledged_by"),
        instant(rs, "acknowledged_at"),
        instant(rs, "resolved_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
