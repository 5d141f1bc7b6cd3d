package io.shoal.protocol.pen;

/** A pen's overall health, worst condition first. */
public enum HealthStatus {
  /** No camera of the pen is delivering frames, or none ever has: nothing can be said. */
  UNKNOWN,
  OK,
  WARNING,
  CRITICAL
}
