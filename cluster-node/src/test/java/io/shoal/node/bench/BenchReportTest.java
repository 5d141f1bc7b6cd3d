package io.shoal.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private static final PreprocessCost COST = new PreprocessCost(3.6, 3.5, 4.2, 512);

  private static BenchReport.Row row(int batch, double rawPipeline, double actors) {
    return new BenchReport.Row(batch, 5000, rawPipeline, 1.2 * rawPipeline, actors, 3.7, 3.8, batch, 0);
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
  void eachRowShowsActorsAgainstBothRawPipelines() {
    BenchReport report = new BenchReport(List.of(), COST, List.of(row(32, 300, 270)), List.of(), List.of());
    assertThat(report.lines()).anySatisfy(line -> assertThat(line.trim().split("\\s+"))
        .startsWith("32", "5000.0", "300.0", "360.0", "270.0", "0.90", "0.75"));
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
}
