package io.shoal.node.simulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.shoal.node.ReferenceConfig;

/** The simulator's config block as shipped, over reference.conf, resolved without the host's environment. */
final class SimulatorTestConfig {

  private SimulatorTestConfig() {}

  static Config config() {
    return config("");
  }

  /** {@code hocon} (full paths) over the shipped defaults. */
  static Config config(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.parseResources(SimulatorSettings.RESOURCE))
        .withFallback(ReferenceConfig.reference())
        .resolve(ConfigResolveOptions.noSystem());
  }

  static SimulatorSettings settings(String hocon) {
    return SimulatorSettings.fromConfig(config(hocon));
  }
}
