package dev.pgpipe.cli.market;

import dev.pgpipe.market.LoadReport;
import dev.pgpipe.market.TableReport;
import java.io.PrintWriter;
import java.util.Locale;

/** The final summary of a load: a line per table, then the totals and the rate. */
public final class Summary {

  private Summary() {}

  public static void print(LoadReport report, int files, PrintWriter out) {
    int width = "table".length();
    for (TableReport table : report.tables()) {
      width = Math.max(width, table.table().length());
    }
    String format = "%-" + width + "s  %,12d  %,14d%s%n";
    out.printf(Locale.ROOT, "%-" + width + "s  %12s  %14s%n", "table", "records", "rows in range");
    for (TableReport table : report.tables()) {
      String note =
          table.outOfOrder() == 0 ? "" : "  (" + table.outOfOrder() + " records out of time order)";
      out.printf(Locale.ROOT, format, table.table(), table.records(), table.rowsInRange(), note);
    }
    out.printf(
        Locale.ROOT,
        "%,d records (%,d not market data) from %d file%s, %s, in %.1f s: %,.0f records/s%n",
        report.records(),
        report.skipped(),
        files,
        files == 1 ? "" : "s",
        ProgressLine.bytes(report.bytes()),
        report.elapsed().toNanos() / 1e9,
        report.recordsPerSecond());
    if (report.sourcesSkipped() > 0) {
      out.printf(
          Locale.ROOT,
          "%d file%s skipped: already loaded whole (load ledger)%n",
          report.sourcesSkipped(),
          report.sourcesSkipped() == 1 ? "" : "s");
    }
    out.flush();
  }
}
