package io.netctl.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, as kubectl prints them. */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();

  public Table(String... header) {
    rows.add(header);
  }

  public Table row(String... cells) {
    rows.add(cells);
    return this;
  }

  public void print(PrintWriter out) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols && i < r.length; i++) {
        width[i] = Math.max(width[i], r[i] == null ? 1 : r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String c = i < r.length && r[i] != null ? r[i] : "-";
        sb.append(c);
        if (i < cols - 1) {
          sb.append(" ".repeat(width[i] - c.length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}
