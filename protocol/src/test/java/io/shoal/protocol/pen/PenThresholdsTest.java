package io.shoal.protocol.pen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PenThresholdsTest {

  @Test
  void aLevelIsAShareAndWarningComesBeforeCritical() {
    assertThatThrownBy(() -> new ConditionThresholds(0.3, 0.2)).hasMessageContaining("below critical");
    assertThatThrownBy(() -> new ConditionThresholds(0.0, null)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> new ConditionThresholds(null, 1.5)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> new ConditionThresholds(null, null)).hasMessageContaining("warning or a critical");
    assertThat(new ConditionThresholds(null, 0.02).critical()).isEqualTo(0.02);
  }

  @Test
  void thresholdsAreImmutableAndNeedAPositiveSample() {
    Map<String, ConditionThresholds> conditions = new HashMap<>(Map.of("lesion", new ConditionThresholds(0.1, 0.25)));
    PenThresholds thresholds = new PenThresholds(conditions, 30);
    conditions.clear();
    assertThat(thresholds.conditions()).containsOnlyKeys("lesion");
    assertThatThrownBy(() -> new PenThresholds(Map.of(), 0)).hasMessageContaining("minimumSample");
  }
}
