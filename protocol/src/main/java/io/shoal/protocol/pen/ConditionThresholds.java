package io.shoal.protocol.pen;

import io.shoal.protocol.CborSerializable;

/**
 * Prevalence (share of recent fish frames, 0..1) at which a condition raises a pen to WARNING or CRITICAL.
 * A null level is never reached: mortality, say, may go straight to CRITICAL.
 */
public record ConditionThresholds(Double warning, Double critical) implements CborSerializable {

  public ConditionThresholds {
    requireShare(warning, "warning");
    requireShare(critical, "critical");
    if (warning == null && critical == null) {
      throw new IllegalArgumentException("a condition threshold needs a warning or a critical level");
    }
    if (warning != null && critical != null && warning >= critical) {
      throw new IllegalArgumentException("warning (" + warning + ") must be below critical (" + critical + ")");
    }
  }

  private static void requireShare(Double value, String name) {
    if (value != null && !(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a share in (0, 1], got " + value);
    }
  }
}
