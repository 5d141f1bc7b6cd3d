package io.shoal.protocol.pen;

import io.shoal.protocol.CborSerializable;
import java.util.Map;

/**
 * A pen's health thresholds: per condition label (as the model's manifest names them) the prevalence that raises
 * a warning or a critical status, and how many recent fish frames a rate needs before it may raise anything.
 */
public record PenThresholds(Map<String, ConditionThresholds> conditions, int minimumSample)
    implements CborSerializable {

  public PenThresholds {
    conditions = Map.copyOf(conditions);
    if (minimumSample < 1) {
      throw new IllegalArgumentException("minimumSample must be at least 1, got " + minimumSample);
    }
  }
}
