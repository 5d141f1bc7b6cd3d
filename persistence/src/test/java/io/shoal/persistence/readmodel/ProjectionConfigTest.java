package io.shoal.persistence.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The projections' reference.conf resolves on its own and ties the library's knobs to ours. */
class ProjectionConfigTest {

  private static Config reference(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve(ConfigResolveOptions.noSystem());
  }

  @Test
  void theLibraryUsesPostgresAndAsManyBlockingThreadsAsThePoolHasConnections() {
    Config config = reference("shoal.db.pool-size = 6");
    assertThat(config.getString("pekko.projection.jdbc.dialect")).isEqualTo("postgres-dialect");
    assertThat(config.getInt("pekko.projection.jdbc.blocking-jdbc-dispatcher.thread-pool-executor.fixed-pool-size"))
        .isEqualTo(6);
    assertThat(config.getString("pekko.projection.jdbc.offset-store.table")).isEqualTo("pekko_projection_offset_store");
  }

  @Test
  void projectionSettingsFollowThePensTagSlicesWhenTheyAreConfigured() {
    ProjectionSettings alone = ProjectionSettings.fromConfig(reference(""), PenReadModelProjection.CONFIG_KEY);
    assertThat(alone.name()).isEqualTo("pen-read-model");
    assertThat(alone.tags()).containsExactly("pens-0", "pens-1", "pens-2", "pens-3");
    assertThat(alone.restartBackoff()).isEqualTo(new RestartBackoff(Duration.ofSeconds(3), Duration.ofSeconds(30),
        0.2, -1));

    ProjectionSettings withPens = ProjectionSettings.fromConfig(
        reference("shoal.pen.tag-slices = 2, shoal.projections.read-model.restart-backoff.min-backoff = 1s"),
        PenReadModelProjection.CONFIG_KEY);
    assertThat(withPens.tags()).containsExactly("pens-0", "pens-1");
    assertThat(withPens.restartBackoff().minBackoff()).isEqualTo(Duration.ofSeconds(1));

    Config config = reference("");
    assertThat(config.getString("shoal.projections.pen-health.topic")).isEqualTo("shoal.pen-health");
    assertThat(config.getInt("shoal.projections.pen-health.send-dispatcher.thread-pool-executor.fixed-pool-size"))
        .isEqualTo(4);
    assertThat(ReadModelLimits.fromConfig(config).maxPageSize()).isEqualTo(500);
    assertThat(reference("shoal.db.pool-size = 3")
        .getInt(ReadModels.DISPATCHER + ".thread-pool-executor.fixed-pool-size")).isEqualTo(3);
  }
}
