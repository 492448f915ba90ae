package dev.pgpipe.cli.live;

import dev.pgpipe.market.LiveStatus;
import dev.pgpipe.market.LoadReport;
import dev.pgpipe.market.TableReport;
import java.io.PrintWriter;
import java.util.Locale;

/** The final summary of a live session: a line per table, then the totals. */
final class LiveSummary {

  private LiveSummary() {}

  static void print(LoadReport report, LiveStatus status, PrintWriter out) {
    int width = "table".length();
    for (TableReport table : report.tables()) {
      width = Math.max(width, table.table().length());
    }
    out.printf(Locale.ROOT, "%-" + width + "s  %12s  %14s%n", "table", "records", "rows in range");
    for (TableReport table : report.tables()) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %,12d  %,14d%n",
          table.table(),
          table.records(),
          table.rowsInRange());
    }
    out.printf(
        Locale.ROOT,
        "%,d records (%,d not market data) in %d session%s with %d gap%s, in %.1f s: %,.0f"
            + " records/s%n",
        report.records(),
        report.skipped(),
        status.sessions(),
        status.sessions() == 1 ? "" : "s",
        status.gaps(),
        status.gaps() == 1 ? "" : "s",
        report.elapsed().toNanos() / 1e9,
        report.recordsPerSecond());
    out.flush();
  }
}
