package io.shoal.node.health;

import io.shoal.protocol.pen.HealthStatus;
import java.util.List;
import java.util.Map;

/**
 * What the policy concluded about a pen.
 *
 * @param status     the overall status
 * @param severities each condition currently at WARNING or CRITICAL (conditions at NONE are absent)
 * @param reasons    one readable line per raised condition, e.g. "lesion 12.0% of 200 fish frames (warning at 10%)"
 */
public record HealthVerdict(HealthStatus status, Map<String, Severity> severities, List<String> reasons) {

  public HealthVerdict {
    severities = Map.copyOf(severities);
    reasons = List.copyOf(reasons);
  }
}
