package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InferenceSettingsTest {

  private static Config with(String overrides) {
    return TestConfig.withOverrides(overrides);
  }

  @Test
  void referenceConfHasADefaultForEveryKnob() {
    InferenceSettings s = TestConfig.defaultSettings();

    assertThat(s.modelLocation()).isEqualTo("classpath:shoal-model");
    assertThat(s.onnx()).isEqualTo(new InferenceSettings.Onnx(InferenceSettings.Provider.CPU, 0, 1, ""));
    assertThat(s.workers()).isEqualTo(1);
    assertThat(s.batching()).isEqualTo(new InferenceSettings.Batching(16, Duration.ofMillis(5), 64));
    assertThat(s.preprocessing()).isEqualTo(new InferenceSettings.Preprocessing(16_777_216L, true));
  }

  @Test
  void readsOverridesIncludingTheProviderInAnyCase() {
    InferenceSettings s = InferenceSettings.fromConfig(with("""
        shoal.inference { execution-provider = CUDA, device-id = 1, max-batch-delay = 20ms, workers = 3 }
        """));

    assertThat(s.onnx().provider()).isEqualTo(InferenceSettings.Provider.CUDA);
    assertThat(s.onnx().deviceId()).isEqualTo(1);
    assertThat(s.batching().maxBatchDelay()).isEqualTo(Duration.ofMillis(20));
    assertThat(s.workers()).isEqualTo(3);
  }

  @Test
  void rejectsAnUnknownProvider() {
    assertThatThrownBy(() -> InferenceSettings.fromConfig(with("shoal.inference.execution-provider = tpu")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("execution-provider must be \"cpu\" or \"cuda\", was \"tpu\"");
  }

  @Test
  void rejectsAQueueThatCouldNeverHoldAFullBatch() {
    assertThatThrownBy(() -> InferenceSettings.fromConfig(with(
        "shoal.inference { max-batch-size = 32, queue-capacity = 16 }")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queue-capacity (16) must be at least max-batch-size (32)");
  }
}
