package io.shoal.node.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.node.ReferenceConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class E2eSettingsTest {

  @Test
  void theFullRunMeasuresWhatTheIssueAsksFor() {
    E2eSettings full = E2eSettings.fromConfig(ReferenceConfig.reference(), false);
    assertThat(full.sse().subscribers()).isEqualTo(1000);
    assertThat(full.idlePens().count()).isEqualTo(10_000);
    assertThat(full.latency().rateFractions()).containsExactly(0.5, 0.9);
    assertThat(full.pipeline().targetRatio()).isEqualTo(0.8);
    assertThat(full.quick()).isFalse();
  }

  @Test
  void quickLaysItsBlockOverTheFullOneAndKeepsTheRest() {
    E2eSettings quick = E2eSettings.fromConfig(ReferenceConfig.reference(), true);
    E2eSettings full = E2eSettings.fromConfig(ReferenceConfig.reference(), false);
    assertThat(quick.quick()).isTrue();
    assertThat(quick.pipeline().frames()).isLessThan(full.pipeline().frames());
    assertThat(quick.idlePens().count()).isLessThan(full.idlePens().count());
    assertThat(quick.latency().duration()).isEqualTo(Duration.ofSeconds(8));
    // Not in the quick block: as in the full run.
    assertThat(quick.latency().rateFractions()).isEqualTo(full.latency().rateFractions());
    assertThat(quick.http().concurrency()).isEqualTo(full.http().concurrency());
  }

  @Test
  void theNodeOverridesAreFullPathsOverTheNodesConfig() {
    E2eSettings s = E2eSettings.fromConfig(ReferenceConfig.reference(), false);
    assertThat(s.nodeOverrides().getLong("shoal.http.rate-limit.capacity")).isGreaterThan(1_000_000);
    // The node's own connection bound already leaves room for the bench's SSE streams and HTTP connections.
    assertThat(ReferenceConfig.reference().getInt("shoal.http.max-connections"))
        .isGreaterThan(s.sse().subscribers() + s.http().concurrency());
  }

  @Test
  void aWarmUpTooShortToStartEveryPenIsRefusedNamingTheBlock() {
    String p = E2eSettings.CONFIG_PATH + ".";
    assertThatThrownBy(() -> E2eSettings.fromConfig(ReferenceConfig.withOverrides(Map.of(p + "pens", 50,
        p + "pipeline.warm-up-frames", 10)), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(E2eSettings.CONFIG_PATH + ": pipeline.frames");
  }

  @Test
  void rateFractionsOutsideZeroToOneAreRefused() {
    assertThatThrownBy(() -> E2eSettings.fromConfig(ReferenceConfig.withOverrides(
        E2eSettings.CONFIG_PATH + ".latency.rate-fractions = [0.5, 1.5]"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate-fractions");
  }
}
