package io.shoal.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A window restored from an entity snapshot ({@code entries()} + {@code newest()}) behaves as the original. */
class AssessmentWindowRestoreTest {

  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private static AssessmentWindow.Entry frame(int secondsAfterT0, String condition) {
    return new AssessmentWindow.Entry(T0.plusSeconds(secondsAfterT0), "salmon", condition);
  }

  @Test
  void anEmptyWindowHasNoNewestAndRestoresEmpty() {
    AssessmentWindow window = new AssessmentWindow(3, TEN_MINUTES);
    assertThat(window.newest()).isNull();
    assertThat(window.entries()).isEmpty();
    assertThat(AssessmentWindow.restore(3, TEN_MINUTES, List.of(), null).size()).isZero();
  }

  @Test
  void restoredWindowHasTheSameFramesAndShares() {
    AssessmentWindow window = new AssessmentWindow(3, TEN_MINUTES);
    window.add(frame(1, "healthy"));
    window.add(frame(2, "lesion"));
    window.add(frame(3, "lesion"));
    window.add(frame(4, "healthy"));

    AssessmentWindow restored = AssessmentWindow.restore(3, TEN_MINUTES, window.entries(), window.newest());
    assertThat(restored.entries()).containsExactly(frame(2, "lesion"), frame(3, "lesion"), frame(4, "healthy"));
    assertThat(restored.entries()).isEqualTo(window.entries());
    assertThat(restored.newest()).isEqualTo(T0.plusSeconds(4));
    assertThat(restored.prevalence("lesion")).isEqualTo(window.prevalence("lesion"));
    assertThat(restored.speciesMix()).isEqualTo(window.speciesMix());
  }

  @Test
  void theNewestCaptureTimeSurvivesEvenWhenItsFrameWasEvicted() {
    // B is the newest capture; counting evicts it while C still shields the late frames D and E at the front.
    // The age cut-off still follows B's time, so a restore must keep it or the next frame evicts differently.
    AssessmentWindow window = new AssessmentWindow(3, TEN_MINUTES);
    window.add(frame(100, "healthy")); // A
    window.add(frame(700, "healthy")); // B
    window.add(frame(150, "healthy")); // C
    window.add(frame(50, "lesion"));   // D
    window.add(frame(60, "lesion"));   // E
    assertThat(window.entries()).extracting(AssessmentWindow.Entry::capturedAt)
        .containsExactly(T0.plusSeconds(150), T0.plusSeconds(50), T0.plusSeconds(60));
    assertThat(window.newest()).isEqualTo(T0.plusSeconds(700));

    AssessmentWindow restored = AssessmentWindow.restore(3, TEN_MINUTES, window.entries(), window.newest());
    AssessmentWindow withoutNewest = AssessmentWindow.restore(3, TEN_MINUTES, window.entries(), null);
    for (AssessmentWindow w : List.of(window, restored, withoutNewest)) {
      w.add(frame(400, "healthy"));
    }
    assertThat(window.entries()).containsExactly(frame(400, "healthy"));
    assertThat(restored.entries()).isEqualTo(window.entries());
    assertThat(withoutNewest.entries()).hasSize(3);
  }

  @Test
  void aLateFrameThatOutlivesItsNewerNeighboursLeavesAnEmptyWindowInsteadOfFailing() {
    AssessmentWindow window = new AssessmentWindow(1, TEN_MINUTES);
    window.add(frame(700, "healthy"));
    window.add(frame(50, "lesion")); // 650 s older than the newest: past the age limit once it reaches the front
    assertThat(window.size()).isZero();
    assertThat(window.prevalence("lesion")).isZero();
    window.add(frame(710, "healthy"));
    assertThat(window.entries()).containsExactly(frame(710, "healthy"));
  }
}
