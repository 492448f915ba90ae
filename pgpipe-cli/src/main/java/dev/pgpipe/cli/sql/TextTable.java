package dev.pgpipe.cli.sql;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Prints a {@link SqlResult} as an aligned table in the manner of {@code psql}: a header, a rule,
 * numbers right-aligned, {@code NULL} for SQL NULL, line breaks inside values shown as {@code \n},
 * and a row count.
 */
final class TextTable {

  private static final String NULL = "NULL";

  private TextTable() {}

  static void print(SqlResult result, PrintWriter out) {
    switch (result.kind()) {
      case COUNT ->
          out.println(result.updated() + (result.updated() == 1 ? " row" : " rows") + " changed");
      case NOTHING -> out.println("OK");
      case ROWS -> printRows(result, out);
    }
    out.flush();
  }

  private static void printRows(SqlResult result, PrintWriter out) {
    List<SqlColumn> columns = result.columns();
    List<List<String>> cells = new ArrayList<>();
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).label().length();
    }
    for (List<@Nullable String> row : result.rows()) {
      List<String> texts = new ArrayList<>(row.size());
      for (int c = 0; c < row.size(); c++) {
        String text = cell(row.get(c));
        widths[c] = Math.max(widths[c], text.length());
        texts.add(text);
      }
      cells.add(texts);
    }
    List<String> header = columns.stream().map(SqlColumn::label).toList();
    out.println(line(header, widths, columns, true));
    out.println(rule(widths));
    for (List<String> row : cells) {
      out.println(line(row, widths, columns, false));
    }
    int count = result.rows().size();
    out.println("(" + count + (count == 1 ? " row)" : " rows)"));
  }

  private static String cell(@Nullable String value) {
    return value == null ? NULL : value.replace("\r", "\\r").replace("\n", "\\n");
  }

  private static String line(
      List<String> texts, int[] widths, List<SqlColumn> columns, boolean header) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < texts.size(); c++) {
      line.append(c == 0 ? " " : " | ");
      String text = texts.get(c);
      String padding = " ".repeat(widths[c] - text.length());
      boolean right = !header && columns.get(c).isNumber();
      line.append(right ? padding + text : text + padding);
    }
    return line.toString().stripTrailing();
  }

  private static String rule(int[] widths) {
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      rule.append(c == 0 ? "" : "+").append("-".repeat(widths[c] + 2));
    }
    return rule.toString();
  }
}
