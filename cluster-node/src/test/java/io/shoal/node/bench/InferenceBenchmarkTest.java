package io.shoal.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real benchmark, end to end, on a configuration small enough for a test: the report's shape, no numbers. */
class InferenceBenchmarkTest {

  @Test
  void aTinyRunPrintsARowPerBatchSizeAndEndsWithTheRatioLine() throws Exception {
    Config tiny = ConfigFactory.parseMap(Map.of(
            BenchSettings.CONFIG_PATH + ".frames", 16,
            BenchSettings.CONFIG_PATH + ".batch-sizes", List.of(1, 2),
            BenchSettings.CONFIG_PATH + ".repetitions", 1,
            BenchSettings.CONFIG_PATH + ".warm-up", 0))
        .withFallback(ConfigFactory.load()).resolve();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<String> lines = InferenceBenchmark.run(tiny, new PrintStream(progress, true, StandardCharsets.UTF_8))
        .lines();

    assertThat(lines.get(lines.size() - 1)).matches("^ratio actors/raw @ batch \\d+: \\d+\\.\\d\\d$")
        .startsWith("ratio actors/raw @ batch 2: ");
    assertThat(tableRows(lines)).extracting(row -> row.split("\\s+")[0]).containsExactly("1", "2");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("batch 1", "batch 2");
  }

  /** The lines between the table's dashed rule and the legend. */
  private static List<String> tableRows(List<String> lines) {
    int rule = lines.indexOf(lines.stream().filter(l -> l.startsWith("---")).findFirst().orElseThrow());
    return lines.subList(rule + 1, lines.size()).stream()
        .takeWhile(l -> l.matches("^\\s*\\d+\\s.*"))
        .map(String::trim)
        .toList();
  }
}
