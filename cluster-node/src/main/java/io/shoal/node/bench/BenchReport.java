package io.shoal.node.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The printed result of {@code shoal bench-inference}. The last line is always
 * {@code ratio actors/raw @ batch N: X.XX} for the largest batch size, so scripts can take it with {@code tail -1}.
 *
 * @param header  machine and settings, printed first
 * @param legend  what each row of the table means, printed under it
 * @param notes   anything else worth knowing about this run, printed before the ratio line
 */
public record BenchReport(List<String> header, PreprocessCost preprocess, List<Row> rows, List<String> legend,
    List<String> notes) {

  /** One batch size; throughputs in images/s. */
  public record Row(int batchSize, double modelOnly, double rawPipeline, double rawPipelined, double actors,
      double rawCpuMs, double actorsCpuMs, double meanBatch, int overloaded) {

    /** Actors against the no-actor, no-overlap pipeline that does the same work (decoding included). */
    public double ratio() {
      return actors / rawPipeline;
    }

    /** Actors against the no-actor pipeline that overlaps decoding with model runs as they do. */
    public double pipelinedRatio() {
      return actors / rawPipelined;
    }
  }

  public BenchReport {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one batch size");
    }
    header = List.copyOf(header);
    rows = List.copyOf(rows);
    legend = List.copyOf(legend);
    notes = List.copyOf(notes);
  }

  public static String ratioLine(int batchSize, double ratio) {
    return String.format(Locale.ROOT, "ratio actors/raw @ batch %d: %.2f", batchSize, ratio);
  }

  public List<String> lines() {
    List<String> lines = new ArrayList<>(header);
    lines.add("");
    lines.add(String.format(Locale.ROOT,
        "preprocessing (decode + resize + normalise, 1 thread, %d frames): mean %.2f ms/frame, p50 %.2f, p95 %.2f",
        preprocess.frames(), preprocess.meanMs(), preprocess.p50Ms(), preprocess.p95Ms()));
    lines.add("");
    TextTable table = new TextTable("batch", "model only img/s", "raw pipeline img/s", "raw pipelined img/s",
        "actors img/s", "actors/raw", "actors/pipelined", "raw cpu ms/img", "actors cpu ms/img", "mean batch",
        "overloaded");
    for (Row row : rows) {
      table.row(Integer.toString(row.batchSize()), number(row.modelOnly(), 1), number(row.rawPipeline(), 1),
          number(row.rawPipelined(), 1), number(row.actors(), 1), number(row.ratio(), 2),
          number(row.pipelinedRatio(), 2), number(row.rawCpuMs(), 2), number(row.actorsCpuMs(), 2),
          number(row.meanBatch(), 1), Integer.toString(row.overloaded()));
    }
    lines.addAll(table.lines());
    lines.addAll(legend);
    if (!notes.isEmpty()) {
      lines.add("");
      lines.addAll(notes);
    }
    Row largest = rows.stream().max(Comparator.comparingInt(Row::batchSize)).orElseThrow();
    lines.add(ratioLine(largest.batchSize(), largest.ratio()));
    return lines;
  }

  private static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
