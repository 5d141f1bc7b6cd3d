package io.shoal.node.bench;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: right-aligned columns (numbers line up), a dashed rule under the header. */
final class TextTable {

  private static final String GAP = "  ";

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  TextTable(String... headers) {
    this.columns = headers.length;
    rows.add(headers.clone());
  }

  TextTable row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns + " columns");
    }
    rows.add(cells.clone());
    return this;
  }

  List<String> lines() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size() + 1);
    for (int r = 0; r < rows.size(); r++) {
      lines.add(format(rows.get(r), widths));
      if (r == 0) {
        lines.add("-".repeat(lines.get(0).length()));
      }
    }
    return lines;
  }

  private static String format(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) line.append(GAP);
      line.append(" ".repeat(widths[c] - cells[c].length())).append(cells[c]);
    }
    return line.toString();
  }
}
