package io.shoal.node.boot;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a running node: {@code overrides} (the caller's, e.g. the demo's embedded database URL) over
 * JVM system properties, {@code application.conf}, {@code shoal-node.conf} (cluster membership) and every
 * {@code reference.conf}, resolved once at the end so that an override of {@code shoal.db.url} also reaches the
 * journal's copy of it. {@code shoal.cluster.roles} and {@code seed-nodes} may be comma-separated strings (as
 * environment variables give them) or lists; they become {@code pekko.cluster.roles} / {@code seed-nodes}.
 */
public final class NodeConfig {

  /** The actor system's name: part of every node address, so all nodes of a cluster must share it. */
  public static final String SYSTEM_NAME = "shoal";

  private static final String OVERLAY = "shoal-node.conf";

  private NodeConfig() {}

  /** As a node started from the command line sees it: environment variables included. */
  public static Config load(Config overrides, String... modeOverlays) {
    return load(overrides, true, modeOverlays);
  }

  /**
   * @param environment  whether {@code ${?SHOAL_...}} substitutions read the process environment (tests say no, so a
   *                     variable on the machine cannot change what they see)
   * @param modeOverlays classpath resources of a mode (e.g. {@code shoal-demo.conf}), first wins, layered under
   *                     application.conf and over the node overlay
   */
  public static Config load(Config overrides, boolean environment, String... modeOverlays) {
    Config merged = overrides
        .withFallback(ConfigFactory.systemProperties())
        // application.conf, or the file/resource named by -Dconfig.file / -Dconfig.resource (a mounted ConfigMap).
        .withFallback(ConfigFactory.defaultApplication());
    for (String overlay : modeOverlays) {
      merged = merged.withFallback(ConfigFactory.parseResources(overlay));
    }
    merged = merged
        .withFallback(ConfigFactory.parseResources(OVERLAY))
        .withFallback(ConfigFactory.defaultReferenceUnresolved());
    Config resolved = merged.resolve(environment ? ConfigResolveOptions.defaults() : ConfigResolveOptions.noSystem());
    return ConfigFactory.parseMap(Map.of(
            "pekko.cluster.roles", list(resolved, "shoal.cluster.roles"),
            "pekko.cluster.seed-nodes", list(resolved, "shoal.cluster.seed-nodes")))
        .withFallback(resolved);
  }

  /** The roles this configuration gives a node. */
  public static List<String> roles(Config config) {
    return config.getStringList("pekko.cluster.roles");
  }

  private static List<String> list(Config config, String path) {
    if (config.getValue(path).valueType() == ConfigValueType.LIST) {
      return config.getStringList(path);
    }
    return Arrays.stream(config.getString(path).split(","))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .toList();
  }
}
