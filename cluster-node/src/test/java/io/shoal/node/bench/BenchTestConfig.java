package io.shoal.node.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.util.Map;

/**
 * reference.conf as shipped, resolved without the host's environment: a {@code SHOAL_*} variable on a developer's
 * or CI machine (e.g. {@code SHOAL_INFERENCE_WORKERS}) must not change what the benchmark's tests see. System
 * properties (the test JVM's own) stay as the last fallback, for references such as {@code ${java.io.tmpdir}}.
 */
public final class BenchTestConfig {

  private BenchTestConfig() {}

  public static Config reference() {
    return withOverrides(Map.of());
  }

  /** {@code overrides} (full paths) over reference.conf; no application.conf and no environment variables. */
  public static Config withOverrides(Map<String, ?> overrides) {
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .withFallback(ConfigFactory.systemProperties())
        .resolve(ConfigResolveOptions.noSystem());
  }
}
