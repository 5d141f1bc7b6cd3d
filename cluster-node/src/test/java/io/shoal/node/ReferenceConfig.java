package io.shoal.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.util.Map;

/**
 * reference.conf as shipped, for tests: resolved without the host's environment, so a {@code SHOAL_*} variable on a
 * developer's or CI machine cannot change what a test sees. JVM system properties stay (as in
 * {@code ConfigFactory.load}), because reference files use facts such as {@code java.io.tmpdir}.
 */
public final class ReferenceConfig {

  private ReferenceConfig() {}

  public static Config reference() {
    return withOverrides("");
  }

  /** {@code hocon} over reference.conf. */
  public static Config withOverrides(String hocon) {
    return resolve(ConfigFactory.parseString(hocon));
  }

  /** {@code overrides} (full paths) over reference.conf. */
  public static Config withOverrides(Map<String, ?> overrides) {
    return resolve(ConfigFactory.parseMap(overrides));
  }

  private static Config resolve(Config overrides) {
    return overrides
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve(ConfigResolveOptions.noSystem());
  }
}
