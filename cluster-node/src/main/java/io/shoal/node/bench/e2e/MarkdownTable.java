package io.shoal.node.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured markdown table; the first column left-aligned, the others (figures) right-aligned. */
final class MarkdownTable {

  private final String[] headers;
  private final List<String[]> rows = new ArrayList<>();

  MarkdownTable(String... headers) {
    if (headers.length == 0) {
      throw new IllegalArgumentException("a table needs a column");
    }
    this.headers = headers.clone();
  }

  MarkdownTable row(Object... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.length);
    }
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      // A pipe would end the cell early.
      text[i] = String.valueOf(cells[i]).replace("|", "\\|");
    }
    rows.add(text);
    return this;
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>(rows.size() + 2);
    lines.add(line(headers));
    String[] rule = new String[headers.length];
    for (int i = 0; i < rule.length; i++) {
      rule[i] = i == 0 ? "---" : "---:";
    }
    lines.add(line(rule));
    rows.forEach(r -> lines.add(line(r)));
    return lines;
  }

  private static String line(String[] cells) {
    return "| " + String.join(" | ", cells) + " |";
  }
}
