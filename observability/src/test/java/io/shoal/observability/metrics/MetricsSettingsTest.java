package io.shoal.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

  @Test
  void defaultsServeOn9095AndLayShoalsKamonSettingsOverTheNodesConfiguration() {
    Config node = ConfigFactory.parseString("kamon.metric.tick-interval = 60s\nkamon.other = kept")
        .withFallback(ConfigFactory.defaultReference()).resolve();
    MetricsSettings settings = MetricsSettings.fromConfig(node);

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.port()).isEqualTo(9095);
    assertThat(settings.path()).isEqualTo("/metrics");
    // shoal.metrics.kamon wins over whatever kamon.* says elsewhere (another library's reference.conf).
    assertThat(settings.kamon().getDuration("kamon.metric.tick-interval")).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.kamon().getString("kamon.other")).isEqualTo("kept");
    assertThat(settings.kamon().getBoolean("kamon.prometheus.start-embedded-http-server")).isFalse();
    assertThat(settings.kamon().getBoolean("kamon.modules.prometheus-reporter.enabled")).isFalse();
  }

  @Test
  void refusesAPortOutOfRangeAndAPathWithoutSlash() {
    Config reference = ConfigFactory.defaultReference().resolve();
    assertThatThrownBy(() -> MetricsSettings.fromConfig(
        ConfigFactory.parseString("shoal.metrics.port = 70000").withFallback(reference)))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> MetricsSettings.fromConfig(
        ConfigFactory.parseString("shoal.metrics.path = metrics").withFallback(reference)))
        .hasMessageContaining("path");
  }
}
