package io.shoal.node.pen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import org.junit.jupiter.api.Test;

class PenSettingsTest {

  /**
   * {@code hocon} over reference.conf, without the host's SHOAL_* environment. JVM system properties stay (as in
   * {@code ConfigFactory.load}): other modules' reference.conf use e.g. {@code java.io.tmpdir}.
   */
  static Config reference(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve(ConfigResolveOptions.noSystem());
  }

  @Test
  void defaultsComeFromReferenceConf() {
    assertThat(PenSettings.fromConfig(reference(""))).isEqualTo(new PenSettings(100, 2, 1024, 4));
  }

  @Test
  void everyKeyCanBeOverridden() {
    assertThat(PenSettings.fromConfig(reference("""
        shoal.pen { snapshot-every = 5, keep-snapshots = 1, recent-frame-ids-per-camera = 64, tag-slices = 8 }
        """))).isEqualTo(new PenSettings(5, 1, 64, 8));
  }

  @Test
  void nonPositiveValuesAreRefused() {
    assertThatThrownBy(() -> PenSettings.fromConfig(reference("shoal.pen.recent-frame-ids-per-camera = 0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recent-frame-ids-per-camera");
  }

  @Test
  void protocolMessagesAreBoundToJacksonCbor() {
    assertThat(reference("").getString("pekko.actor.serialization-bindings.\"io.shoal.protocol.CborSerializable\""))
        .isEqualTo("jackson-cbor");
  }
}
