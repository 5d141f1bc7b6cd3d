package io.shoal.node.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.health.AssessmentWindow;
import io.shoal.node.health.HealthPolicy;
import io.shoal.node.health.HealthSettings;
import io.shoal.node.health.HealthVerdict;
import io.shoal.node.health.Severity;
import io.shoal.protocol.pen.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default scenario through the real health policy, with a perfect classifier (the truth as prediction): the
 * episodes' strengths make pens change status within about two minutes at the default 2 fps x 2 cameras, and the
 * baseline never raises anything.
 */
class ScenarioHealthTest {

  private static final Duration HORIZON = Duration.ofMinutes(5);
  private static final Duration WITHIN = Duration.ofMinutes(2);
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** The default seed, and others: a baseline that raised false alarms under some seeds would mislead a demo. */
  @ParameterizedTest
  @ValueSource(longs = {2026, 1, 2, 3, 4, 5, 6, 7})
  void theDefaultEpisodesRaiseTheirPensWithinTwoMinutesAndTheOtherPensStayOk(long seed) {
    Scenario scenario = Scenario.of(SimulatorTestConfig.settings("shoal.simulator.seed = " + seed));
    HealthSettings health = HealthSettings.fromConfig(SimulatorTestConfig.config());
    HealthPolicy policy = new HealthPolicy(health.clearRatio());

    List<PlannedFrame> frames = new ArrayList<>();
    for (Camera camera : scenario.cameras()) {
      for (long slot = 0; scenario.slotTime(camera, slot).compareTo(HORIZON) < 0; slot++) {
        scenario.frame(camera, slot).ifPresent(frames::add);
      }
    }
    frames.sort(Comparator.comparing(PlannedFrame::at));

    Map<String, AssessmentWindow> windows = new HashMap<>();
    Map<String, Map<String, Severity>> severities = new HashMap<>();
    Map<String, Map<HealthStatus, Duration>> firstSeen = new LinkedHashMap<>();
    for (PlannedFrame frame : frames) {
      if (!frame.truth().fishPresent()) {
        continue;
      }
      String pen = frame.camera().penId();
      AssessmentWindow window = windows.computeIfAbsent(pen, p -> health.newWindow());
      window.add(new AssessmentWindow.Entry(START.plus(frame.at()), frame.truth().speciesLabel(),
          frame.truth().conditionLabel()));
      HealthVerdict verdict =
          policy.judge(window, health.defaultThresholds(), severities.getOrDefault(pen, Map.of()), true);
      severities.put(pen, verdict.severities());
      firstSeen.computeIfAbsent(pen, p -> new LinkedHashMap<>()).putIfAbsent(verdict.status(), frame.at());
    }
    System.out.println("seed " + seed + ": first time each pen had each status (perfect classifier): " + firstSeen);

    assertThat(firstSeen.get("pen-2")).containsKeys(HealthStatus.WARNING, HealthStatus.CRITICAL);
    assertThat(firstSeen.get("pen-2").get(HealthStatus.WARNING)).isGreaterThan(Duration.ofSeconds(45));
    assertThat(firstSeen.get("pen-2").get(HealthStatus.CRITICAL)).isLessThan(WITHIN);
    assertThat(firstSeen.get("pen-4").get(HealthStatus.CRITICAL))
        .isGreaterThan(Duration.ofSeconds(60)).isLessThan(WITHIN);
    for (String pen : List.of("pen-1", "pen-3", "pen-5", "pen-6")) {
      assertThat(firstSeen.get(pen).keySet()).as(pen).containsOnly(HealthStatus.OK);
    }
  }
}
