package io.shoal.node.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.protocol.pen.ConditionThresholds;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenThresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthPolicyTest {

  private static final int SAMPLE = 100;
  private static final PenThresholds THRESHOLDS = new PenThresholds(Map.of(
      "dead", new ConditionThresholds(null, 0.02),
      "lesion", new ConditionThresholds(0.10, 0.25)), 30);
  private final HealthPolicy policy = new HealthPolicy(0.8);

  /** A full window of {@code SAMPLE} fish frames of which {@code lesions} show a lesion and {@code dead} are dead. */
  private static AssessmentWindow windowWith(int lesions, int dead) {
    return windowOf(SAMPLE, lesions, dead);
  }

  private static AssessmentWindow windowOf(int frames, int lesions, int dead) {
    AssessmentWindow window = new AssessmentWindow(frames, Duration.ofHours(1));
    Instant t = Instant.parse("2026-11-26T08:00:00Z");
    for (int i = 0; i < frames; i++) {
      String condition = i < lesions ? "lesion" : i < lesions + dead ? "dead" : "healthy";
      window.add(new AssessmentWindow.Entry(t.plusSeconds(i), "atlantic_salmon", condition));
    }
    return window;
  }

  private HealthVerdict judge(AssessmentWindow window, Map<String, Severity> previous) {
    return policy.judge(window, THRESHOLDS, previous, true);
  }

  @Test
  void aHealthyPenIsOk() {
    HealthVerdict verdict = judge(windowWith(5, 1), Map.of());
    assertThat(verdict.status()).isEqualTo(HealthStatus.OK);
    assertThat(verdict.severities()).isEmpty();
    assertThat(verdict.reasons()).isEmpty();
  }

  @Test
  void eachThresholdRaisesItsLevelWithAReadableReason() {
    HealthVerdict warning = judge(windowWith(12, 0), Map.of());
    assertThat(warning.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(warning.severities()).containsExactly(Map.entry("lesion", Severity.WARNING));
    assertThat(warning.reasons()).containsExactly("lesion 12.0% of 100 fish frames (warning at 10%)");

    assertThat(judge(windowWith(25, 0), Map.of()).status()).isEqualTo(HealthStatus.CRITICAL);
    HealthVerdict mortality = judge(windowWith(0, 2), Map.of());
    assertThat(mortality.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(mortality.severities()).containsExactly(Map.entry("dead", Severity.CRITICAL));
  }

  @Test
  void theWorstConditionSetsTheStatus() {
    HealthVerdict verdict = judge(windowWith(12, 3), Map.of());
    assertThat(verdict.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(verdict.severities())
        .containsOnly(Map.entry("lesion", Severity.WARNING), Map.entry("dead", Severity.CRITICAL));
  }

  @Test
  void aSmallSampleNeitherRaisesNorClears() {
    // 10 lesions in 20 frames is 50 %, but 20 frames are below the minimum sample of 30.
    assertThat(judge(windowOf(20, 10, 0), Map.of()).status()).isEqualTo(HealthStatus.OK);
    assertThat(judge(windowOf(20, 0, 0), Map.of("lesion", Severity.WARNING)).severities())
        .containsExactly(Map.entry("lesion", Severity.WARNING));
  }

  @Test
  void aRaisedLevelHoldsUntilTheRateFallsBelowTheClearRatio() {
    Map<String, Severity> warned = Map.of("lesion", Severity.WARNING);
    // 9 % is below the 10 % threshold but above 10 % x 0.8: still a warning.
    assertThat(judge(windowWith(9, 0), warned).status()).isEqualTo(HealthStatus.WARNING);
    assertThat(judge(windowWith(8, 0), warned).status()).isEqualTo(HealthStatus.WARNING);
    assertThat(judge(windowWith(7, 0), warned).status()).isEqualTo(HealthStatus.OK);
    // The same 9 % does not raise a pen that was not warned.
    assertThat(judge(windowWith(9, 0), Map.of()).status()).isEqualTo(HealthStatus.OK);
  }

  @Test
  void criticalStepsDownToWarningThroughItsOwnHysteresis() {
    Map<String, Severity> critical = Map.of("lesion", Severity.CRITICAL);
    assertThat(judge(windowWith(21, 0), critical).severities()).containsExactly(Map.entry("lesion", Severity.CRITICAL));
    assertThat(judge(windowWith(19, 0), critical).severities()).containsExactly(Map.entry("lesion", Severity.WARNING));
  }

  @Test
  void aPenWithoutALiveCameraIsUnknownWhateverItsRates() {
    assertThat(policy.judge(windowWith(30, 5), THRESHOLDS, Map.of(), false).status())
        .isEqualTo(HealthStatus.UNKNOWN);
  }

  @Test
  void rejectsAClearRatioOutsideItsRange() {
    assertThatThrownBy(() -> new HealthPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HealthPolicy(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
