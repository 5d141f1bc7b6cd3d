package io.shoal.node.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AssessmentWindowTest {

  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  private static AssessmentWindow.Entry frame(int secondsAfterT0, String species, String condition) {
    return new AssessmentWindow.Entry(T0.plusSeconds(secondsAfterT0), species, condition);
  }

  @Test
  void keepsOnlyTheNewestFramesByCount() {
    AssessmentWindow window = new AssessmentWindow(4, Duration.ofHours(1));
    window.add(frame(0, "atlantic_salmon", "lesion"));
    window.add(frame(1, "atlantic_salmon", "lesion"));
    for (int i = 2; i < 6; i++) {
      window.add(frame(i, "atlantic_salmon", "healthy"));
    }
    assertThat(window.size()).isEqualTo(4);
    assertThat(window.prevalence("lesion")).isZero();
    assertThat(window.prevalence("healthy")).isEqualTo(1.0);
  }

  @Test
  void dropsFramesCapturedTooLongBeforeTheNewest() {
    AssessmentWindow window = new AssessmentWindow(100, Duration.ofMinutes(10));
    window.add(frame(0, "rainbow_trout", "dead"));
    window.add(frame(60, "rainbow_trout", "healthy"));
    assertThat(window.prevalence("dead")).isEqualTo(0.5);
    window.add(frame(10 * 60 + 30, "rainbow_trout", "healthy"));
    assertThat(window.size()).isEqualTo(2);
    assertThat(window.prevalence("dead")).isZero();
  }

  @Test
  void reportsPrevalenceAndSpeciesMix() {
    AssessmentWindow window = new AssessmentWindow(100, Duration.ofHours(1));
    window.add(frame(0, "nile_tilapia", "sea_lice"));
    window.add(frame(1, "nile_tilapia", "healthy"));
    window.add(frame(2, "nile_tilapia", "healthy"));
    window.add(frame(3, "gilthead_seabream", "healthy"));
    assertThat(window.prevalence("sea_lice")).isEqualTo(0.25);
    assertThat(window.prevalence("never_seen")).isZero();
    assertThat(window.speciesMix()).containsOnlyKeys("gilthead_seabream", "nile_tilapia");
    assertThat(window.speciesMix().get("nile_tilapia")).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void anEmptyWindowHasNoPrevalence() {
    AssessmentWindow window = new AssessmentWindow(10, Duration.ofMinutes(1));
    assertThat(window.prevalence("dead")).isZero();
    assertThat(window.speciesMix()).isEmpty();
  }
}
