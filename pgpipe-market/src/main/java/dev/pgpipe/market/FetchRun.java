package dev.pgpipe.market;

import dev.pgpipe.dbn.hist.HistoricalClient;
import dev.pgpipe.dbn.hist.RangeRequest;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One {@link DbnLoader#fetch} call: each request's stream decoded straight into the tables as it
 * arrives (no file, bounded memory), in order, each a {@link SourceLoad} keyed {@code fetch:<sha256
 * of the request>} in the load ledger. A request the ledger holds whole is not sent again; one the
 * ledger holds in part is sent again from its {@code resume_ns} and takes the staged path.
 */
final class FetchRun {

  private final DbnLoader loader;
  private final HistoricalClient client;
  private final List<RangeRequest> requests;
  private final Consumer<FetchProgress> progress;
  private final AtomicLong bytes = new AtomicLong();
  private final TableTotals totals = new TableTotals();
  private final LoadLedger ledger;
  private final SourceLoad sources;
  private final long start;
  private long nextReport;
  private long records;
  private int index;
  private int skipped;

  FetchRun(
      DbnLoader loader,
      HistoricalClient client,
      List<RangeRequest> requests,
      Consumer<FetchProgress> progress) {
    this.loader = loader;
    this.client = client;
    this.requests = List.copyOf(requests);
    this.progress = progress;
    this.ledger = new LoadLedger(loader.db, loader.prefix);
    this.sources = new SourceLoad(loader, ledger, totals, this::counted);
    this.start = loader.clock.getAsLong();
    this.nextReport = start + loader.progressInterval.toNanos();
  }

  LoadReport run() {
    LoadRun.prepareLedger(loader, ledger);
    for (index = 0; index < requests.size(); index++) {
      RangeRequest request = requests.get(index);
      if (!sources.load(sourceOf(request), describe(request), resume -> open(request, resume))) {
        skipped++;
      }
    }
    report();
    return new LoadReport(
        totals.reports(loader.db),
        sources.records(),
        sources.skipped(),
        bytes.get(),
        Duration.ofNanos(loader.clock.getAsLong() - start),
        skipped);
  }

  private InputStream open(RangeRequest request, @Nullable Long resumeNs) {
    RangeRequest sent = resumeNs == null ? request : request.from(Long.toString(resumeNs));
    return new BufferedInputStream(new CountingInputStream(client.getRange(sent), bytes), 1 << 16);
  }

  /** The ledger key of a request: the SHA-256 of its fields. */
  static String sourceOf(RangeRequest request) {
    String canonical =
        String.join(
            "\n",
            request.dataset(),
            request.schema(),
            String.join(",", request.symbols()),
            request.stypeIn(),
            request.start(),
            String.valueOf(request.end()),
            Long.toString(request.limit()));
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return "fetch:"
          + HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static String describe(RangeRequest request) {
    String symbols =
        request.symbols().size() <= 3
            ? String.join(",", request.symbols())
            : request.symbols().get(0) + ",... (" + request.symbols().size() + " symbols)";
    return request.dataset()
        + " "
        + request.schema()
        + " "
        + symbols
        + " ["
        + request.start()
        + ", "
        + (request.end() == null ? "" : request.end())
        + ")";
  }

  private void counted() {
    if ((++records & 1023) == 0 && loader.clock.getAsLong() >= nextReport) {
      report();
    }
  }

  private void report() {
    long now = loader.clock.getAsLong();
    nextReport = now + loader.progressInterval.toNanos();
    progress.accept(
        new FetchProgress(
            Math.min(index, requests.size() - 1),
            requests.size(),
            bytes.get(),
            records,
            sources.committed(),
            Duration.ofNanos(now - start)));
  }
}
