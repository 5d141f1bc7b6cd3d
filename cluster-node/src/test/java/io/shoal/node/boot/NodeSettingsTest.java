package io.shoal.node.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node's configuration is checked before anything starts. */
class NodeSettingsTest {

  private static Config config(Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>(Map.of("shoal.db.url", "jdbc:postgresql://db.example:5432/shoal",
        "shoal.http.auth.hs256-secret", TestServices.TEST_JWT_SECRET));
    settings.putAll(overrides);
    return NodeConfig.load(ConfigFactory.parseMap(settings), false);
  }

  @Test
  void rolesAndSeedsMayBeCommaSeparatedAsEnvironmentVariablesGiveThem() {
    NodeSettings settings = NodeSettings.fromConfig(config(Map.of(
        "shoal.cluster.roles", "ingest, inference",
        "shoal.cluster.seed-nodes", "pekko://shoal@10.0.0.5:7355,pekko://shoal@10.0.0.6:7355")));
    assertThat(settings.roles()).containsExactly("ingest", "inference");
    assertThat(settings.seedNodes()).containsExactly("pekko://shoal@10.0.0.5:7355", "pekko://shoal@10.0.0.6:7355");
    assertThat(settings.inference()).isNotNull();
    assertThat(settings.ingest()).isNotNull();
  }

  @Test
  void aNodeWithoutSeedsMustAskForAClusterOfItsOwn() {
    assertThatThrownBy(() -> NodeSettings.fromConfig(config(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHOAL_SEED_NODES");
    assertThat(NodeSettings.fromConfig(config(Map.of("shoal.cluster.self-join", "on"))).selfJoin()).isTrue();
  }

  @Test
  void anApiOnlyNodeReadsNeitherTheModelNorKafkaSettings() {
    NodeSettings settings = NodeSettings.fromConfig(config(Map.of(
        "shoal.cluster.roles", "api", "shoal.cluster.self-join", "on")));
    assertThat(settings.roles()).isEqualTo(List.of("api"));
    assertThat(settings.inference()).isNull();
    assertThat(settings.ingest()).isNull();
  }

  @Test
  void framesLargerThanARemotingFrameAreRefusedUpFront() {
    assertThatThrownBy(() -> NodeSettings.fromConfig(config(Map.of(
        "shoal.cluster.self-join", "on",
        "shoal.kafka.max-image-bytes", "2 MiB"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum-frame-size");
  }

  @Test
  void anApiNodeNeedsAWayToVerifyTokensAndOnlyTheDemoUsesThePublicDevSecret() {
    Map<String, Object> noSecret = Map.of("shoal.http.auth.hs256-secret", "", "shoal.cluster.self-join", "on");
    assertThatThrownBy(() -> NodeSettings.fromConfig(config(noSecret))).isInstanceOf(IllegalArgumentException.class);
    Map<String, Object> demo = new HashMap<>(noSecret);
    demo.put("shoal.node.demo-secret", "on");
    assertThat(NodeSettings.fromConfig(config(demo)).demoSecret()).isTrue();
  }

  @Test
  void aNodeNeedsItsDatabase() {
    assertThatThrownBy(() -> NodeSettings.fromConfig(config(Map.of(
        "shoal.db.url", "", "shoal.cluster.self-join", "on"))))
        .hasMessageContaining("SHOAL_DB_URL");
  }
}
