package io.shoal.node.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.node.ReferenceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

  @Test
  void referenceConfDefaultsCoverTheIssuesBatchSizes() {
    BenchSettings defaults = BenchSettings.fromConfig(ReferenceConfig.reference());
    assertThat(defaults.batchSizes()).containsExactly(1, 8, 32);
    assertThat(defaults.largestBatch()).isEqualTo(32);
    assertThat(defaults.maxBatchDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(defaults.inFlight()).isGreaterThanOrEqualTo(2 * defaults.largestBatch());
  }

  @Test
  void everyKeyIsReadFromTheBlock() {
    String p = BenchSettings.CONFIG_PATH + ".";
    BenchSettings s = BenchSettings.fromConfig(ReferenceConfig.withOverrides(Map.of(
        p + "frames", 40, p + "seed", 7, p + "warm-up", 3, p + "repetitions", 2, p + "batch-sizes", List.of(2, 4),
        p + "max-batch-delay", "7ms", p + "in-flight", 9)));

    assertThat(s).isEqualTo(new BenchSettings(40, 7, 3, 2, List.of(2, 4), Duration.ofMillis(7), 9));
  }

  @Test
  void fewerFramesThanTheLargestBatchAreRefused() {
    assertThatThrownBy(() -> new BenchSettings(16, 1, 0, 1, List.of(1, 32), Duration.ofMillis(100), 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("largest batch size");
  }

  @Test
  void repeatedBatchSizesAreRefusedNamingTheBlock() {
    assertThatThrownBy(() -> new BenchSettings(16, 1, 0, 1, List.of(2, 2), Duration.ofMillis(100), 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BenchSettings.CONFIG_PATH + ": batch-sizes repeat");
  }
}
