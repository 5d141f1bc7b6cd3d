package io.shoal.node.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.node.render.Condition;
import io.shoal.node.render.Species;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

  @Test
  void defaultsDescribeSixPensOfTwoCamerasWithThreeEpisodes() {
    SimulatorSettings s = SimulatorTestConfig.settings("");
    assertThat(s.pens()).isEqualTo(6);
    assertThat(s.camerasPerPen()).isEqualTo(2);
    assertThat(s.fps()).isEqualTo(2.0);
    assertThat(s.renderThreads()).isEqualTo(2);
    assertThat(s.maxUnsentFrames()).isEqualTo(64);
    assertThat(s.baseline().speciesOfPen(1)).isEqualTo(Species.ATLANTIC_SALMON);
    assertThat(s.baseline().speciesOfPen(2)).isEqualTo(Species.RAINBOW_TROUT);
    assertThat(s.baseline().share(Condition.DEAD)).isZero();
    assertThat(s.conditionEpisodes()).containsExactly(
        new ConditionEpisode("pen-2", Condition.LESION, Duration.ofSeconds(45), Duration.ofSeconds(20), 0.5),
        new ConditionEpisode("pen-4", Condition.DEAD, Duration.ofSeconds(60), Duration.ZERO, 0.08));
    assertThat(s.cameraOutages()).containsExactly(
        new CameraOutage("pen-3-cam-2", Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(210))));
    assertThat(s.producer()).containsEntry("linger.ms", "5").containsEntry("client.id", "shoal-simulator");
    assertThat(SimulatorTestConfig.settings("shoal.simulator.producer.metric.reporters = [a.B, c.D]").producer())
        .containsEntry("metric.reporters", "a.B,c.D");
  }

  @Test
  void episodesCanBeSwitchedOffAndAnOutageMayLastForGood() {
    assertThat(SimulatorTestConfig.settings("shoal.simulator.episodes.enabled = false").conditionEpisodes()).isEmpty();
    SimulatorSettings s = SimulatorTestConfig.settings(
        "shoal.simulator.episodes.camera-outages = [{camera = pen-1-cam-1, start = 5s}]");
    assertThat(s.cameraOutages())
        .containsExactly(new CameraOutage("pen-1-cam-1", Duration.ofSeconds(5), Optional.empty()));
  }

  @Test
  void badValuesAreRefusedWithTheKeyNamed() {
    assertThatThrownBy(() -> SimulatorTestConfig.settings("shoal.simulator.fps = 0"))
        .hasMessageContaining("shoal.simulator.fps");
    assertThatThrownBy(() -> SimulatorTestConfig.settings("shoal.simulator.max-unsent-frames = 0"))
        .hasMessageContaining("max-unsent-frames");
    assertThatThrownBy(() -> SimulatorTestConfig.settings("shoal.simulator.baseline.conditions.lesion = 0.99"))
        .hasMessageContaining("add up to more than 1");
    assertThatThrownBy(() -> SimulatorTestConfig.settings(
        "shoal.simulator.episodes.conditions = [{pen = pen-1, condition = scurvy, start = 1s, ramp = 0s, share = 1}]"))
        .hasMessageContaining("unknown condition scurvy");
    assertThatThrownBy(() -> SimulatorTestConfig.settings(
        "shoal.simulator.episodes.camera-outages = [{camera = pen-1-cam-1, start = 5s, end = 5s}]"))
        .hasMessageContaining("ends after it starts");
  }
}
