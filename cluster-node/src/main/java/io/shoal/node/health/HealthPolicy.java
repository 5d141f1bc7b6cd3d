package io.shoal.node.health;

import io.shoal.protocol.pen.ConditionThresholds;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a pen's recent assessments into a status: plain rules, no actors, so the pen entity stays a thin shell.
 *
 * <ul>
 *   <li>A condition reaches a level when its prevalence meets that level's threshold, once the window holds at
 *       least the minimum sample; a smaller sample can neither raise nor clear anything.</li>
 *   <li>Hysteresis: a reached level holds until the prevalence falls below its threshold times
 *       {@code clearRatio}, so a rate hovering at a threshold does not flap the status.</li>
 *   <li>The status is the worst level reached, or UNKNOWN when no camera of the pen is live.</li>
 * </ul>
 */
public final class HealthPolicy {

  /** Shares are ratios of counts; this absorbs float error so "exactly at the threshold" counts as reached. */
  private static final double SHARE_TOLERANCE = 1e-9;

  private final double clearRatio;

  public HealthPolicy(double clearRatio) {
    if (!(clearRatio > 0 && clearRatio <= 1)) {
      throw new IllegalArgumentException("clear-ratio must be in (0, 1], got " + clearRatio);
    }
    this.clearRatio = clearRatio;
  }

  /**
   * @param previous      the severities of the last verdict (absent = NONE)
   * @param anyCameraLive whether at least one of the pen's cameras delivered a frame recently
   */
  public HealthVerdict judge(AssessmentWindow window, PenThresholds thresholds, Map<String, Severity> previous,
      boolean anyCameraLive) {
    boolean enoughSample = window.size() >= thresholds.minimumSample();
    Map<String, Severity> severities = new TreeMap<>();
    List<String> reasons = new ArrayList<>();
    Severity worst = Severity.NONE;
    for (Map.Entry<String, ConditionThresholds> entry : new TreeMap<>(thresholds.conditions()).entrySet()) {
      String condition = entry.getKey();
      double prevalence = window.prevalence(condition);
      Severity was = previous.getOrDefault(condition, Severity.NONE);
      Severity now = enoughSample
          ? reached(prevalence, entry.getValue(), 1.0).atLeast(was.atMost(reached(prevalence, entry.getValue(), clearRatio)))
          : was;
      if (now != Severity.NONE) {
        severities.put(condition, now);
        reasons.add(reason(condition, prevalence, window.size(), now, entry.getValue()));
        worst = worst.atLeast(now);
      }
    }
    return new HealthVerdict(status(worst, anyCameraLive), severities, reasons);
  }

  /** The highest level whose threshold, scaled by {@code factor}, the prevalence meets. */
  private static Severity reached(double prevalence, ConditionThresholds t, double factor) {
    if (t.critical() != null && prevalence + SHARE_TOLERANCE >= t.critical() * factor) {
      return Severity.CRITICAL;
    }
    if (t.warning() != null && prevalence + SHARE_TOLERANCE >= t.warning() * factor) {
      return Severity.WARNING;
    }
    return Severity.NONE;
  }

  private static HealthStatus status(Severity worst, boolean anyCameraLive) {
    if (!anyCameraLive) {
      return HealthStatus.UNKNOWN;
    }
    return switch (worst) {
      case CRITICAL -> HealthStatus.CRITICAL;
      case WARNING -> HealthStatus.WARNING;
      case NONE -> HealthStatus.OK;
    };
  }

  private static String reason(String condition, double prevalence, int sample, Severity severity,
      ConditionThresholds t) {
    double threshold = severity == Severity.CRITICAL ? t.critical() : t.warning();
    return String.format(Locale.ROOT, "%s %.1f%% of %d fish frames (%s at %.0f%%)", condition, prevalence * 100,
        sample, severity.name().toLowerCase(Locale.ROOT), threshold * 100);
  }
}
