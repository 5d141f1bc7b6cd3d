package io.shoal.node.pen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.node.ReferenceConfig;
import org.junit.jupiter.api.Test;

class PenSettingsTest {

  @Test
  void defaultsComeFromReferenceConf() {
    assertThat(PenSettings.fromConfig(ReferenceConfig.withOverrides(""))).isEqualTo(new PenSettings(100, 2, 256, 4));
  }

  @Test
  void everyKeyCanBeOverridden() {
    assertThat(PenSettings.fromConfig(ReferenceConfig.withOverrides("""
        shoal.pen { snapshot-every = 5, keep-snapshots = 1, recent-frame-ids-per-camera = 64, tag-slices = 8 }
        """))).isEqualTo(new PenSettings(5, 1, 64, 8));
  }

  @Test
  void nonPositiveValuesAreRefused() {
    assertThatThrownBy(() -> PenSettings.fromConfig(ReferenceConfig.withOverrides("shoal.pen.recent-frame-ids-per-camera = 0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recent-frame-ids-per-camera");
  }

  @Test
  void protocolMessagesAreBoundToJacksonCbor() {
    assertThat(ReferenceConfig.withOverrides("").getString("pekko.actor.serialization-bindings.\"io.shoal.protocol.CborSerializable\""))
        .isEqualTo("jackson-cbor");
  }
}
