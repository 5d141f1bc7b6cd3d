package io.shoal.node.simulator;

import io.shoal.node.render.Condition;
import java.time.Duration;
import java.util.Objects;

/**
 * A condition spreading in one pen: from {@code start} its share of the pen's fish frames rises linearly from the
 * baseline to {@code share} over {@code ramp}, then stays there. A ramp of zero is a sudden event (a dead-fish
 * event); a longer one an outbreak. Times are relative to the simulator's start.
 */
public record ConditionEpisode(String penId, Condition condition, Duration start, Duration ramp, double share) {

  public ConditionEpisode {
    Objects.requireNonNull(penId, "penId");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(ramp, "ramp");
    if (condition == Condition.HEALTHY) {
      throw new IllegalArgumentException("an episode is about an unhealthy condition; healthy is what is left");
    }
    if (start.isNegative() || ramp.isNegative()) {
      throw new IllegalArgumentException("an episode's start and ramp are not negative: " + start + ", " + ramp);
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("an episode's share lies in [0, 1]: " + share);
    }
  }

  /** The condition's share of fish frames at {@code elapsed}, given its share before the episode. */
  public double shareAt(Duration elapsed, double baseline) {
    if (elapsed.compareTo(start) < 0) {
      return baseline;
    }
    Duration into = elapsed.minus(start);
    if (into.compareTo(ramp) >= 0) {
      return share;
    }
    double progress = (double) into.toNanos() / ramp.toNanos();
    return baseline + (share - baseline) * progress;
  }
}
