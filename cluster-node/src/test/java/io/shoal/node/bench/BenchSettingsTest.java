package io.shoal.node.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

  private static final BenchSettings.Timing TIMING =
      new BenchSettings.Timing(Duration.ofMinutes(5), Duration.ofMillis(1), Duration.ofSeconds(30));

  @Test
  void referenceConfDefaultsCoverTheIssuesBatchSizes() {
    BenchSettings defaults = BenchSettings.fromConfig(ConfigFactory.load());
    assertThat(defaults.batchSizes()).containsExactly(1, 8, 32);
    assertThat(defaults.largestBatch()).isEqualTo(32);
    assertThat(defaults.maxBatchDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(defaults.inFlight()).isGreaterThanOrEqualTo(2 * defaults.largestBatch());
    assertThat(defaults.timing()).isEqualTo(TIMING);
  }

  @Test
  void everyKeyHasAnEnvVar() {
    Map<String, String> env = Map.of(
        "SHOAL_BENCH_INFERENCE_FRAMES", "40",
        "SHOAL_BENCH_INFERENCE_SEED", "7",
        "SHOAL_BENCH_INFERENCE_WARM_UP", "3",
        "SHOAL_BENCH_INFERENCE_REPETITIONS", "2",
        "SHOAL_BENCH_INFERENCE_BATCH_SIZES", "2, 4",
        "SHOAL_BENCH_INFERENCE_MAX_BATCH_DELAY", "7ms",
        "SHOAL_BENCH_INFERENCE_IN_FLIGHT", "9",
        "SHOAL_BENCH_INFERENCE_PASS_TIMEOUT", "2m",
        "SHOAL_BENCH_INFERENCE_OVERLOADED_RETRY_PAUSE", "3ms",
        "SHOAL_BENCH_INFERENCE_START_STOP_TIMEOUT", "11s");
    // ${?VAR} falls back to the environment only when the config has no key VAR, so these keys stand in for it.
    Config config = ConfigFactory.parseMap(env).withFallback(ConfigFactory.parseResources("reference.conf"))
        .resolve(ConfigResolveOptions.noSystem());

    BenchSettings s = BenchSettings.fromConfig(config);

    assertThat(s).isEqualTo(new BenchSettings(40, 7, 3, 2, List.of(2, 4), Duration.ofMillis(7), 9,
        new BenchSettings.Timing(Duration.ofMinutes(2), Duration.ofMillis(3), Duration.ofSeconds(11))));
  }

  @Test
  void batchSizesThatAreNotNumbersAreRefusedByName() {
    Config config = ConfigFactory.parseString(BenchSettings.CONFIG_PATH + ".batch-sizes = \"1,eight\"")
        .withFallback(ConfigFactory.load());
    assertThatThrownBy(() -> BenchSettings.fromConfig(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch-sizes").hasMessageContaining("1,eight");
  }

  @Test
  void fewerFramesThanTheLargestBatchAreRefused() {
    assertThatThrownBy(() -> new BenchSettings(16, 1, 0, 1, List.of(1, 32), Duration.ofMillis(100), 64, TIMING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("largest batch size");
  }

  @Test
  void aZeroPassTimeoutIsRefused() {
    assertThatThrownBy(() -> new BenchSettings.Timing(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BenchSettings.CONFIG_PATH + ": pass-timeout");
  }
}
