package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleFromMinUpToMax() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0);
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theRandomFactorOnlyStretches() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5);
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
      assertThat(backoff.delay(30)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500));
    }
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-backoff");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-backoff");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("random-factor");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0).delay(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
