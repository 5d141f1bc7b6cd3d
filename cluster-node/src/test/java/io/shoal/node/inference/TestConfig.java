package io.shoal.node.inference;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;

/**
 * reference.conf as shipped, resolved without the host's environment: a {@code SHOAL_*} variable on a developer's
 * or CI machine (e.g. {@code SHOAL_INFERENCE_PROVIDER=cuda}) must not change what the tests see.
 */
final class TestConfig {

  private TestConfig() {}

  static Config reference() {
    return withOverrides("");
  }

  /**
   * {@code hocon} over reference.conf; no application.conf and no environment variables. JVM system properties stay
   * (as in {@code ConfigFactory.load}): reference.conf files use facts such as {@code java.io.tmpdir}.
   */
  static Config withOverrides(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve(ConfigResolveOptions.noSystem());
  }

  /** The inference settings reference.conf defines. */
  static InferenceSettings defaultSettings() {
    return InferenceSettings.fromConfig(reference());
  }
}
