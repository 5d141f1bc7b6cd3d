package io.shoal.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ReferenceConfig;
import io.shoal.protocol.pen.ConditionThresholds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthSettingsTest {

  @Test
  void defaultsComeFromReferenceConf() {
    HealthSettings settings = HealthSettings.fromConfig(ReferenceConfig.reference());
    assertThat(settings.windowFrames()).isEqualTo(200);
    assertThat(settings.windowDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.clearRatio()).isEqualTo(0.8);
    assertThat(settings.cameraSilence()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.defaultThresholds().minimumSample()).isEqualTo(30);
    assertThat(settings.defaultThresholds().conditions()).containsOnly(
        java.util.Map.entry("dead", new ConditionThresholds(null, 0.02)),
        java.util.Map.entry("lesion", new ConditionThresholds(0.10, 0.25)),
        java.util.Map.entry("sea_lice", new ConditionThresholds(0.20, null)),
        java.util.Map.entry("fin_damage", new ConditionThresholds(0.15, null)));
  }
}
