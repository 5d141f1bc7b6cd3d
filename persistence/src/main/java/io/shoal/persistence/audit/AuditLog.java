package io.shoal.persistence.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Appends to {@code audit_log} (migration V3): who acknowledged, configured or uploaded what. Values longer than
 * their column are cut (marked with "…") rather than refused, because an audit record must never be the reason an
 * operator's action fails; NUL characters, which PostgreSQL text cannot hold, are dropped for the same reason.
 *
 * <p>Blocks on JDBC: asynchronous callers run it on a dedicated dispatcher.
 */
public final class AuditLog {

  /** Column bounds of migration V3. */
  public static final int MAX_USERNAME = 64;
  public static final int MAX_ACTION = 64;
  public static final int MAX_TARGET = 256;
  public static final int MAX_DETAIL = 2048;

  /** Upper bound of {@link #recent(int)}. */
  public static final int MAX_RECENT = 500;

  private final DataSource dataSource;

  public AuditLog(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Records one action.
   *
   * @param username who did it (the token's subject); required
   * @param action   what, a short verb such as "alert.ack"; required
   * @param target   what it was done to (pen or alert id), or null
   * @param detail   free text (never secrets), or null
   * @return the entry's id
   */
  public long record(String username, String action, String target, String detail) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(action, "action");
    String sql = "INSERT INTO audit_log (username, action, target, detail) VALUES (?, ?, ?, ?) RETURNING id";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, bound(username, MAX_USERNAME));
      statement.setString(2, bound(action, MAX_ACTION));
      statement.setString(3, bound(target, MAX_TARGET));
      statement.setString(4, bound(detail, MAX_DETAIL));
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not write the audit log (" + bound(action, MAX_ACTION) + ")", e);
    }
  }

  /** The newest entries first, at most {@code limit} (capped at {@link #MAX_RECENT}). */
  public List<AuditEntry> recent(int limit) {
    int bounded = Math.max(0, Math.min(limit, MAX_RECENT));
    String sql = "SELECT id, at, username, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, bounded);
      List<AuditEntry> entries = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          entries.add(new AuditEntry(row.getLong("id"), row.getTimestamp("at").toInstant(),
              row.getString("username"), row.getString("action"), row.getString("target"), row.getString("detail")));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the audit log", e);
    }
  }

  /**
   * {@code value} cut to at most {@code max} characters as PostgreSQL counts them (code points), never splitting a
   * surrogate pair, with NULs removed.
   */
  static String bound(String value, int max) {
    if (value == null) {
      return null;
    }
    String clean = value.indexOf('\0') >= 0 ? value.replace("\0", "") : value;
    if (clean.codePointCount(0, clean.length()) <= max) {
      return clean;
    }
    int end = clean.offsetByCodePoints(0, max - 1);
    return clean.substring(0, end) + "…";
  }
}
