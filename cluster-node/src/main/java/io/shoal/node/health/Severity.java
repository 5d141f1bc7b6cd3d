package io.shoal.node.health;

/** How far one condition's prevalence has pushed a pen, in rising order. */
public enum Severity {
  NONE,
  WARNING,
  CRITICAL;

  Severity atLeast(Severity other) {
    return compareTo(other) >= 0 ? this : other;
  }

  Severity atMost(Severity other) {
    return compareTo(other) <= 0 ? this : other;
  }
}
