package io.shoal.node.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoal.node.render.Condition;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameTruth;
import io.shoal.node.render.Species;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  /** 20 fps gives ~1000 frames per pen and minute: shares within a few points of the script. */
  private static final Scenario FAST = Scenario.of(SimulatorTestConfig.settings("shoal.simulator.fps = 20"));
  /** Binomial noise over ~1000-2000 frames, with room: 3-4 standard deviations at p = 0.5. */
  private static final double TOLERANCE = 0.05;

  @Test
  void pensAndCamerasAreNamedAfterEachOther() {
    Scenario scenario = Scenario.of(SimulatorTestConfig.settings(""));
    assertThat(scenario.penIds()).containsExactly("pen-1", "pen-2", "pen-3", "pen-4", "pen-5", "pen-6");
    assertThat(scenario.cameras()).hasSize(12);
    assertThat(scenario.cameras().get(0)).isEqualTo(new Camera("pen-1", "pen-1-cam-1", 0));
    assertThat(scenario.cameras().get(11)).isEqualTo(new Camera("pen-6", "pen-6-cam-2", 11));
    assertThat(scenario.period()).isEqualTo(Duration.ofMillis(500));
    // Cameras spread over the period, each then one period apart.
    assertThat(scenario.slotTime(scenario.cameras().get(6), 0)).isEqualTo(Duration.ofMillis(250));
    assertThat(scenario.slotTime(scenario.cameras().get(6), 4)).isEqualTo(Duration.ofMillis(2250));
  }

  @Test
  void baselinePensAreMostlyHealthyFishOfTheirOwnSpecies() {
    List<FrameTruth> pen1 = truths(FAST, "pen-1", 0, 120);
    assertThat(share(pen1, t -> !t.fishPresent())).isCloseTo(0.08, within(TOLERANCE));
    List<FrameTruth> fish = pen1.stream().filter(FrameTruth::fishPresent).toList();
    assertThat(share(fish, t -> t.condition().orElseThrow() == Condition.HEALTHY)).isCloseTo(0.94, within(TOLERANCE));
    assertThat(share(fish, t -> t.species().orElseThrow() == Species.ATLANTIC_SALMON))
        .isCloseTo(0.92, within(TOLERANCE));
    assertThat(fish).extracting(t -> t.species().orElseThrow()).contains(Species.NILE_TILAPIA);
    assertThat(share(fish, t -> t.condition().orElseThrow() == Condition.DEAD)).isZero();
  }

  @Test
  void theLesionOutbreakRisesFromTheBaselineToItsShareAfterItsRamp() {
    assertThat(conditionShare(FAST, "pen-2", Condition.LESION, 0, 45)).isCloseTo(0.01, within(0.01));
    assertThat(conditionShare(FAST, "pen-2", Condition.LESION, 50, 60)).isBetween(0.05, 0.40);
    assertThat(conditionShare(FAST, "pen-2", Condition.LESION, 65, 125)).isCloseTo(0.5, within(TOLERANCE));
    assertThat(FAST.mixAt("pen-2", Duration.ofSeconds(55)).share(Condition.LESION)).isCloseTo(0.255, within(1e-9));
    // Other pens do not catch it.
    assertThat(conditionShare(FAST, "pen-1", Condition.LESION, 65, 125)).isCloseTo(0.01, within(0.01));
  }

  @Test
  void theDeadFishEventIsSudden() {
    assertThat(conditionShare(FAST, "pen-4", Condition.DEAD, 0, 60)).isZero();
    assertThat(conditionShare(FAST, "pen-4", Condition.DEAD, 60, 120)).isCloseTo(0.08, within(0.025));
    assertThat(conditionShare(FAST, "pen-3", Condition.DEAD, 60, 120)).isZero();
  }

  @Test
  void theSilentCameraTakesNoFramesDuringItsOutageOnly() {
    Camera silent = camera(FAST, "pen-3-cam-2");
    Camera sibling = camera(FAST, "pen-3-cam-1");
    List<Long> slots = LongStream.range(0, 300 * 20).boxed().toList();
    for (long slot : slots) {
      Duration at = FAST.slotTime(silent, slot);
      boolean inOutage = at.compareTo(Duration.ofSeconds(30)) >= 0 && at.compareTo(Duration.ofSeconds(210)) < 0;
      assertThat(FAST.frame(silent, slot).isPresent()).as("slot %d at %s", slot, at).isEqualTo(!inOutage);
      assertThat(FAST.frame(sibling, slot)).isPresent();
    }
  }

  @Test
  void episodesForPensOrCamerasTheScenarioLacksAreSkipped() {
    Scenario small = Scenario.of(SimulatorTestConfig.settings("shoal.simulator.pens = 2"));
    assertThat(small.conditionEpisodes()).extracting(ConditionEpisode::penId).containsExactly("pen-2");
    assertThat(small.cameraOutages()).isEmpty();
  }

  @Test
  void strongEpisodesInOnePenAreScaledToFitAndLeaveNoHealthyFish() {
    Scenario scenario = Scenario.of(SimulatorTestConfig.settings("""
        shoal.simulator.episodes.conditions = [
          {pen = pen-1, condition = lesion, start = 0s, ramp = 0s, share = 0.9}
          {pen = pen-1, condition = dead, start = 0s, ramp = 0s, share = 0.9}
        ]"""));
    PenMix mix = scenario.mixAt("pen-1", Duration.ofSeconds(1));
    assertThat(mix.share(Condition.HEALTHY)).isCloseTo(0.0, within(1e-9));
    assertThat(mix.share(Condition.LESION)).isEqualTo(mix.share(Condition.DEAD));
  }

  @Test
  void theSameSeedGivesTheSameFramesAndAnotherSeedOtherFrames() {
    Scenario again = Scenario.of(SimulatorTestConfig.settings("shoal.simulator.fps = 20"));
    Scenario other = Scenario.of(SimulatorTestConfig.settings("shoal.simulator.fps = 20\nshoal.simulator.seed = 7"));
    int differentTruths = 0;
    for (Camera camera : FAST.cameras()) {
      for (long slot = 0; slot < 200; slot++) {
        Optional<PlannedFrame> frame = FAST.frame(camera, slot);
        assertThat(again.frame(camera, slot)).isEqualTo(frame);
        Optional<PlannedFrame> otherFrame = other.frame(camera, slot);
        assertThat(otherFrame.map(PlannedFrame::seed)).isNotEqualTo(frame.map(PlannedFrame::seed));
        if (!otherFrame.map(PlannedFrame::truth).equals(frame.map(PlannedFrame::truth))) {
          differentTruths++;
        }
      }
    }
    assertThat(differentTruths).isPositive();
    PlannedFrame first = FAST.frame(FAST.cameras().get(0), 0).orElseThrow();
    FrameRenderer renderer = new FrameRenderer();
    assertThat(renderer.render(first.seed(), first.truth()).jpeg())
        .isEqualTo(renderer.render(again.frame(FAST.cameras().get(0), 0).orElseThrow().seed(), first.truth()).jpeg());
  }

  static Camera camera(Scenario scenario, String cameraId) {
    return scenario.cameras().stream().filter(c -> c.cameraId().equals(cameraId)).findFirst().orElseThrow();
  }

  /** Truths of every frame {@code penId}'s cameras take in [fromSeconds, toSeconds). */
  static List<FrameTruth> truths(Scenario scenario, String penId, int fromSeconds, int toSeconds) {
    Duration from = Duration.ofSeconds(fromSeconds);
    Duration to = Duration.ofSeconds(toSeconds);
    List<FrameTruth> truths = new ArrayList<>();
    for (Camera camera : scenario.cameras()) {
      if (!camera.penId().equals(penId)) {
        continue;
      }
      for (long slot = 0; scenario.slotTime(camera, slot).compareTo(to) < 0; slot++) {
        if (scenario.slotTime(camera, slot).compareTo(from) >= 0) {
          scenario.frame(camera, slot).ifPresent(frame -> truths.add(frame.truth()));
        }
      }
    }
    return truths;
  }

  private static double conditionShare(Scenario scenario, String penId, Condition condition, int from, int to) {
    List<FrameTruth> fish = truths(scenario, penId, from, to).stream().filter(FrameTruth::fishPresent).toList();
    return share(fish, t -> t.condition().orElseThrow() == condition);
  }

  private static double share(List<FrameTruth> truths, Predicate<FrameTruth> test) {
    assertThat(truths).isNotEmpty();
    return (double) truths.stream().filter(test).count() / truths.size();
  }
}
