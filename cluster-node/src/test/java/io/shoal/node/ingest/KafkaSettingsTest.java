package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void defaultsComeFromReferenceConf() {
    KafkaSettings settings = KafkaSettings.fromConfig(
        ConfigFactory.defaultReference().resolve(ConfigResolveOptions.noSystem()));
    assertThat(settings).isEqualTo(new KafkaSettings("localhost:9092", "shoal.frames", "shoal.frames.dead-letter",
        512 * 1024, Duration.ofMinutes(5)));
  }

  @Test
  void overridesApply() {
    KafkaSettings settings = KafkaSettings.fromConfig(ConfigFactory.parseString(
            "shoal.kafka { bootstrap-servers = \"k1:9092,k2:9092\", topics.frames = f, max-image-bytes = 2 MiB }")
        .withFallback(ConfigFactory.defaultReference()).resolve(ConfigResolveOptions.noSystem()));
    assertThat(settings.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(settings.framesTopic()).isEqualTo("f");
    assertThat(settings.maxImageBytes()).isEqualTo(2 * 1024 * 1024);
  }

  @Test
  void aNonPositiveImageLimitIsRefused() {
    assertThatThrownBy(() -> KafkaSettings.fromConfig(ConfigFactory.parseString("shoal.kafka.max-image-bytes = 0")
        .withFallback(ConfigFactory.defaultReference()).resolve(ConfigResolveOptions.noSystem())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-image-bytes");
  }
}
