package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.DbnEncoder.Compression;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The client's authentication line.
 *
 * <pre>
 *   auth=&lt;sha256 hex&gt;-&lt;last 5 of key&gt;|dataset=GLBX.MDP3|encoding=dbn|ts_out=0|compression=none
 *     |client=pgpipe/0.1|heartbeat_interval_s=30[|slow_reader_behavior=warn]\n
 * </pre>
 *
 * {@link #toString()} hides the response.
 */
record AuthRequest(
    String response,
    String dataset,
    boolean tsOut,
    Compression compression,
    String client,
    @Nullable Duration heartbeatInterval,
    @Nullable SlowReaderBehavior slowReader) {

  /** The line, with its newline. */
  String encode() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("auth", response);
    fields.put("dataset", dataset);
    fields.put("encoding", "dbn");
    fields.put("ts_out", tsOut ? "1" : "0");
    fields.put("compression", compression.name().toLowerCase(Locale.ROOT));
    fields.put("client", client);
    if (heartbeatInterval != null) {
      fields.put("heartbeat_interval_s", Long.toString(heartbeatInterval.toSeconds()));
    }
    if (slowReader != null) {
      fields.put("slow_reader_behavior", slowReader.name().toLowerCase(Locale.ROOT));
    }
    return ControlLine.encode(fields);
  }

  @Override
  public String toString() {
    return "AuthRequest(dataset="
        + dataset
        + ", tsOut="
        + tsOut
        + ", compression="
        + compression
        + ", client="
        + client
        + ")";
  }
}
