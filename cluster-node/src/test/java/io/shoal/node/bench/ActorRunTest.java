package io.shoal.node.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.shoal.node.ReferenceConfig;
import io.shoal.node.inference.BatchModel;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.ModelManifest;
import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActorRunTest {

  /** A model the pool cannot start with: reading its manifest (done while the pool starts) throws. */
  private static final class BrokenModel implements BatchModel {
    @Override
    public ModelManifest manifest() {
      throw new IllegalStateException("no manifest for you");
    }

    @Override
    public List<Prediction> classify(FloatBuffer batch, int count) {
      throw new AssertionError("never started, never called");
    }
  }

  @Test
  void aPoolThatFailsToStartFailsThePassAtOnceWithItsCauseAndStopsTheSystem() throws Exception {
    Config config = ReferenceConfig.withOverrides(Map.of(BenchSettings.CONFIG_PATH + ".frames", 4,
        BenchSettings.CONFIG_PATH + ".batch-sizes", List.of(2)));
    BenchSettings bench = BenchSettings.fromConfig(config);
    long start = System.nanoTime();

    try (ActorRun run = new ActorRun(config, InferenceSettings.fromConfig(config), new BrokenModel(), bench, 2)) {
      assertThatThrownBy(() -> run.pass(List.of(new byte[1], new byte[1])))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("actor pass at batch 2 failed")
          .cause().hasMessage("no manifest for you");
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(BenchThreads.lingering()).isEmpty();
  }
}
