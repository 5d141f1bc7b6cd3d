package io.shoal.persistence.readmodel;

import java.util.Locale;

/** Where an alert is in its life; stored lower-case in {@code alerts.state} (the column's CHECK constraint). */
public enum AlertState {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED;

  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertState fromColumn(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
