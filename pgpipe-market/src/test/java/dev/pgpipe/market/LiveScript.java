package dev.pgpipe.market;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.WithTsOut;
import dev.pgpipe.testkit.gateway.GatewayScript;
import dev.pgpipe.testkit.gateway.GatewaySession;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One gateway session: authenticates {@link #KEY}, reads the subscriptions, streams live metadata
 * and the records (stamped with ts_out when asked), then waits for {@link #release()} and drops the
 * connection (a reset) or ends it gracefully.
 */
final class LiveScript implements GatewayScript {
  /** The spec's test key. */
  static final String KEY = "32-character-with-lots-of-filler";

  private final long sessionStart;
  private final List<DbnRecord> records;
  private final boolean drop;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile List<Map<String, String>> subscriptions = List.of();

  LiveScript(long sessionStart, List<DbnRecord> records, boolean drop) {
    this.sessionStart = sessionStart;
    this.records = List.copyOf(records);
    this.drop = drop;
  }

  @Override
  public void run(GatewaySession session) throws Exception {
    boolean tsOut = "1".equals(session.handshake(KEY).get("ts_out"));
    subscriptions = session.readSubscriptions();
    Metadata metadata = Metadata.of("GLBX.MDP3", null, sessionStart, Dbn.UNDEF_TIMESTAMP);
    session.startStream().stream(DbnEncoder.encodeMetadata(metadata));
    session.stream(encode(tsOut));
    if (!released.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("the test did not release the session within 20 s");
    }
    if (drop) {
      session.drop();
    } else {
      session.end();
    }
  }

  private byte[] encode(boolean tsOut) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.fragment(out, Dbn.CURRENT_VERSION, tsOut, DbnEncoder.Compression.NONE)) {
      for (DbnRecord r : records) {
        encoder.write(tsOut ? new WithTsOut(r, r.hd().tsEvent() + 1) : r);
      }
    }
    return out.toByteArray();
  }

  /** Lets the script drop or end the connection. */
  void release() {
    released.countDown();
  }

  /** The subscription lines' fields, once read. */
  List<Map<String, String>> subscriptions() {
    return subscriptions;
  }
}
