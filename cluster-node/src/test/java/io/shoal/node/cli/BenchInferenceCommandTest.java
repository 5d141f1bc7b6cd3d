package io.shoal.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ReferenceConfig;
import io.shoal.node.bench.BenchSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchInferenceCommandTest {

  @Test
  void optionsOverrideTheConfigBlockAndTheRestKeepsItsDefaults() {
    BenchInferenceCommand command = new BenchInferenceCommand(ReferenceConfig::reference);
    new CommandLine(command).parseArgs("--frames", "64", "--batch-sizes", "2,16", "--max-batch-delay", "20ms");

    BenchSettings settings = BenchSettings.fromConfig(command.config());

    assertThat(settings.frames()).isEqualTo(64);
    assertThat(settings.batchSizes()).containsExactly(2, 16);
    assertThat(settings.maxBatchDelay()).isEqualTo(Duration.ofMillis(20));
    assertThat(settings.inFlight()).isEqualTo(64); // from reference.conf
  }
}
