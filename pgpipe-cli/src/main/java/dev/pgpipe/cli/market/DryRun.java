package dev.pgpipe.cli.market;

import dev.pgpipe.dbn.hist.HistoricalClient;
import dev.pgpipe.dbn.hist.RangeRequest;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** {@code fetch --dry-run}: record count, billable size and cost of each request and in all. */
final class DryRun {

  private DryRun() {}

  static void print(HistoricalClient client, List<RangeRequest> requests, PrintWriter out) {
    long records = 0;
    long bytes = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (RangeRequest request : requests) {
      long count = client.recordCount(request);
      long size = client.billableSize(request);
      BigDecimal usd = client.cost(request);
      out.printf(
          Locale.ROOT,
          "%s %s [%s, %s): %,d records, %,d bytes billable, $%s%n",
          request.dataset(),
          request.schema(),
          request.start(),
          request.end() == null ? "" : request.end(),
          count,
          size,
          usd.toPlainString());
      records += count;
      bytes += size;
      cost = cost.add(usd);
    }
    out.printf(
        Locale.ROOT,
        "in all: %,d records, %,d bytes billable (%s), $%s; nothing fetched%n",
        records,
        bytes,
        ProgressLine.bytes(bytes),
        cost.toPlainString());
    out.flush();
  }
}
