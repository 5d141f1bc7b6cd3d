package io.shoal.node.health;

import com.typesafe.config.Config;
import io.shoal.protocol.pen.ConditionThresholds;
import io.shoal.protocol.pen.PenThresholds;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The {@code shoal.health} block of the configuration: window, hysteresis, camera silence and default thresholds. */
public record HealthSettings(int windowFrames, Duration windowDuration, double clearRatio, Duration cameraSilence,
    int maxCamerasPerPen, PenThresholds defaultThresholds) {

  public static final String CONFIG_PATH = "shoal.health";

  public static HealthSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    Config levels = c.getConfig("thresholds");
    Map<String, ConditionThresholds> conditions = new HashMap<>();
    for (String condition : levels.root().keySet()) {
      Config level = levels.getConfig(quoted(condition));
      conditions.put(condition, new ConditionThresholds(optionalShare(level, "warning"), optionalShare(level, "critical")));
    }
    return new HealthSettings(c.getInt("window-frames"), c.getDuration("window-duration"), c.getDouble("clear-ratio"),
        c.getDuration("camera-silence"), c.getInt("max-cameras-per-pen"),
        new PenThresholds(conditions, c.getInt("minimum-sample")));
  }

  public AssessmentWindow newWindow() {
    return new AssessmentWindow(windowFrames, windowDuration);
  }

  private static Double optionalShare(Config level, String key) {
    return level.hasPath(key) ? level.getDouble(key) : null;
  }

  /** Condition labels are config keys; quoting keeps a label with dots or dashes one key. */
  private static String quoted(String key) {
    return "\"" + key + "\"";
  }
}
