package dev.pgpipe.cli.market;

import dev.pgpipe.dbn.hist.HistoricalClient;
import dev.pgpipe.dbn.hist.RangeRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code fetch --output FILE}: each request's zstd DBN saved as it streams, nothing loaded. */
final class FetchToFile {

  private FetchToFile() {}

  static void save(
      HistoricalClient client,
      List<RangeRequest> requests,
      Path output,
      ProgressLine progress,
      PrintWriter out) {
    long total = 0;
    for (int i = 0; i < requests.size(); i++) {
      Path file = requests.size() == 1 ? output : numbered(output, i + 1);
      total += copy(client, requests.get(i), file, progress, total);
      progress.end();
      out.println("saved " + file);
    }
    out.flush();
  }

  static Path numbered(Path output, int part) {
    String name = output.getFileName().toString();
    int dot = name.indexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot);
    return output.resolveSibling(stem + "." + part + ext);
  }

  private static long copy(
      HistoricalClient client,
      RangeRequest request,
      Path file,
      ProgressLine progress,
      long before) {
    byte[] buffer = new byte[1 << 16];
    long bytes = 0;
    try (InputStream in = client.getRange(request);
        OutputStream target = Files.newOutputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        target.write(buffer, 0, n);
        bytes += n;
        progress.show("saving " + file + ": " + ProgressLine.bytes(before + bytes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("saving " + file + " failed: " + e.getMessage(), e);
    }
    return bytes;
  }
}
