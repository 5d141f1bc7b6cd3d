package io.shoal.node.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the simulator did so far.
 *
 * @param publishedByPen frames Kafka acknowledged, per pen id (every pen of the scenario, in pen order)
 * @param skipped        frames not taken because {@code max-unsent-frames} were still on their way (falling behind)
 * @param failed         frames that could not be rendered or that Kafka did not accept
 */
public record SimulatorStats(Map<String, Long> publishedByPen, long skipped, long failed) {

  public SimulatorStats {
    publishedByPen = Collections.unmodifiableMap(new LinkedHashMap<>(publishedByPen));
  }

  public long published() {
    return publishedByPen.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for logs: totals, then per pen. */
  public String summary() {
    String perPen = publishedByPen.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return published() + " frames published (" + perPen + "), " + skipped + " skipped while behind, " + failed
        + " failed";
  }
}
