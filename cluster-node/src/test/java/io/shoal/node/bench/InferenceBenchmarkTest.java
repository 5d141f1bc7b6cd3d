package io.shoal.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.shoal.node.ReferenceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real benchmark, end to end, on a configuration small enough for a test: the report's shape and the images
 * classified, no throughput numbers.
 */
class InferenceBenchmarkTest {

  @Test
  void aTinyRunPrintsARowPerBatchSizeAndEndsWithTheRatioLine() throws Exception {
    Config tiny = ReferenceConfig.withOverrides(Map.of(
        BenchSettings.CONFIG_PATH + ".frames", 16,
        BenchSettings.CONFIG_PATH + ".batch-sizes", List.of(1, 2),
        BenchSettings.CONFIG_PATH + ".repetitions", 1,
        BenchSettings.CONFIG_PATH + ".warm-up", 0));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<String> lines = InferenceBenchmark.run(tiny, new PrintStream(progress, true, StandardCharsets.UTF_8))
        .lines();

    assertThat(lines.get(lines.size() - 1)).matches("^ratio actors/raw @ batch \\d+: \\d+\\.\\d\\d$")
        .startsWith("ratio actors/raw @ batch 2: ");
    assertThat(tableRows(lines)).extracting(row -> row.split("\\s+")[0]).containsExactly("1", "2");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("batch 1", "batch 2");
    // Per batch size, one pass over all 16 frames on each of the four paths (16 is a whole number of batches).
    assertThat(classifiedAndPlanned(progress.toString(StandardCharsets.UTF_8))).containsExactly(128L, 128L);
    assertThat(BenchThreads.lingering()).as("threads of the benchmark's actor systems").isEmpty();
  }

  /** The images the run says it classified, and the number its passes were given. */
  private static List<Long> classifiedAndPlanned(String progress) {
    Matcher m = Pattern.compile("classified (\\d+) of (\\d+) planned images").matcher(progress);
    assertThat(m.find()).as("the tally line in %s", progress).isTrue();
    return List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
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
