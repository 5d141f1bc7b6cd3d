package io.shoal.node.inference;

import com.typesafe.config.Config;
import io.shoal.node.ReferenceConfig;

/** The inference settings as reference.conf ships them, for tests (see {@link ReferenceConfig}). */
final class TestConfig {

  private TestConfig() {}

  static Config withOverrides(String hocon) {
    return ReferenceConfig.withOverrides(hocon);
  }

  static InferenceSettings defaultSettings() {
    return InferenceSettings.fromConfig(ReferenceConfig.reference());
  }
}
