package io.shoal.node.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private static final PreprocessCost COST = new PreprocessCost(3.6, 3.5, 4.2, 512);

  private static BenchReport.Row row(int batch, double rawPipeline, double actors) {
    return new BenchReport.Row(batch, 5000, rawPipeline, actors, 3.7, 3.8, batch, 0);
  }

  @Test
  void lastLineIsTheRatioAtTheLargestBatchWithTwoDecimalsWhateverTheLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // would print "0,90" if the report used the default locale
    try {
      BenchReport report = new BenchReport(List.of("header"), COST,
          List.of(row(32, 300, 270), row(1, 100, 150), row(8, 200, 210)), List.of("legend"), List.of("note"));
      List<String> lines = report.lines();
      assertThat(lines.get(lines.size() - 1)).isEqualTo("ratio actors/raw @ batch 32: 0.90");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void ratioLineRounds() {
    assertThat(BenchReport.ratioLine(32, 1.0 / 3)).isEqualTo("ratio actors/raw @ batch 32: 0.33");
    assertThat(BenchReport.ratioLine(8, 1.006)).isEqualTo("ratio actors/raw @ batch 8: 1.01");
  }

  @Test
  void tableColumnsLineUp() {
    List<String> lines = new TextTable("batch", "img/s").row("1", "12.5").row("32", "1234.5").lines();
    assertThat(lines).containsExactly(
        "batch   img/s",
        "-------------",
        "    1    12.5",
        "   32  1234.5");
  }

  @Test
  void referenceConfDefaultsCoverTheIssuesBatchSizes() {
    BenchSettings defaults = BenchSettings.fromConfig(ConfigFactory.load());
    assertThat(defaults.batchSizes()).containsExactly(1, 8, 32);
    assertThat(defaults.largestBatch()).isEqualTo(32);
    assertThat(defaults.maxBatchDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(defaults.inFlight()).isGreaterThanOrEqualTo(2 * defaults.largestBatch());
  }

  @Test
  void fewerFramesThanTheLargestBatchAreRefused() {
    assertThatThrownBy(() -> new BenchSettings(16, 1, 0, 1, List.of(1, 32), Duration.ofMillis(100), 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("largest batch size");
  }
}
