package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  /**
   * reference.conf plus {@code overrides}, resolved with JVM properties but without the environment: a
   * SHOAL_KAFKA_* variable (SHOAL_KAFKA_BOOTSTRAP on a developer's machine) must not change what the test sees.
   */
  private static Config config(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve(ConfigResolveOptions.noSystem());
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
