package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.shoal.node.ReferenceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  private static Config config(String overrides) {
    return ReferenceConfig.withOverrides(overrides);
  }

  @Test
  void defaultsComeFromReferenceConf() {
    assertThat(KafkaSettings.fromConfig(config(""))).isEqualTo(new KafkaSettings("localhost:9092", "shoal.frames",
        "shoal.frames.dead-letter", 512 * 1024, Duration.ofMinutes(5)));
  }

  @Test
  void overridesApply() {
    KafkaSettings settings = KafkaSettings.fromConfig(config(
        "shoal.kafka { bootstrap-servers = \"k1:9092,k2:9092\", topics.frames = f, max-image-bytes = 2 MiB }"));
    assertThat(settings.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(settings.framesTopic()).isEqualTo("f");
    assertThat(settings.deadLetterTopic()).isEqualTo("shoal.frames.dead-letter");
    assertThat(settings.maxImageBytes()).isEqualTo(2 * 1024 * 1024);
  }

  @Test
  void aNonPositiveImageLimitIsRefused() {
    assertThatThrownBy(() -> KafkaSettings.fromConfig(config("shoal.kafka.max-image-bytes = 0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-image-bytes");
  }
}
