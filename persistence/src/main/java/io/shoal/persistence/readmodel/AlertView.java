package io.shoal.persistence.readmodel;

import io.shoal.protocol.pen.PenProtocol.AlertKind;
import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import java.time.Instant;
import java.util.Locale;

/**
 * One row of {@code alerts}. {@code acknowledgedBy}/{@code acknowledgedAt} are null until someone acknowledged it,
 * {@code resolvedAt} until it resolved; an acknowledged alert keeps both when it resolves.
 *
 * @param subject the condition label for {@link AlertKind#CONDITION}, the camera id for
 *                {@link AlertKind#CAMERA_OFFLINE}
 */
public record AlertView(String alertId, String penId, AlertKind kind, String subject, AlertSeverity severity,
    AlertState state, String reason, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt,
    Instant resolvedAt) {

  /** {@code alerts.kind} holds the kind lower-case ("condition", "camera_offline"), like {@code state}. */
  static String kindColumn(AlertKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  static AlertKind kindFromColumn(String value) {
    return AlertKind.valueOf(value.toUpperCase(Locale.ROOT));
  }
}
