package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.ErrorMsg;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.SystemMsg;
import dev.pgpipe.dbn.TradeMsg;
import dev.pgpipe.dbn.WithTsOut;
import dev.pgpipe.testkit.gateway.MockGateway;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/** DBN bytes as a live gateway sends them, written with pgpipe's own encoder, and client setup. */
final class LiveFixtures {
  /** The spec's test key: 32 characters, suffix "iller". */
  static final String KEY = "32-character-with-lots-of-filler";

  static final String DATASET = "GLBX.MDP3";
  static final long SESSION_START = 1_700_000_000_000_000_000L;

  private LiveFixtures() {}

  /** A client of {@code gateway} with the test key, checking timeouts every 5 ms. */
  static LiveClientBuilder client(MockGateway gateway) {
    return LiveClient.builder()
        .apiKey(KEY)
        .dataset(DATASET)
        .gateway(gateway.address())
        .timeoutCheckInterval(Duration.ofMillis(5));
  }

  /** Live metadata: DBN v3, mixed schema, no input symbology, the session start. */
  static byte[] metadata(long start, boolean tsOut) {
    Metadata metadata =
        new Metadata(
            Dbn.CURRENT_VERSION,
            DATASET,
            null,
            start,
            Dbn.UNDEF_TIMESTAMP,
            0,
            Dbn.UNDEF_TIMESTAMP,
            null,
            SType.INSTRUMENT_ID,
            tsOut,
            Dbn.SYMBOL_CSTR_LEN,
            List.of(),
            List.of(),
            List.of(),
            List.of());
    return DbnEncoder.encodeMetadata(metadata);
  }

  /** Records as a metadata-less v3 stream; with ts_out each is stamped {@code tsEvent + 1}. */
  static byte[] records(boolean tsOut, List<DbnRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.fragment(out, Dbn.CURRENT_VERSION, tsOut, DbnEncoder.Compression.NONE)) {
      for (DbnRecord r : records) {
        encoder.write(tsOut ? new WithTsOut(r, r.hd().tsEvent() + 1) : r);
      }
    }
    return out.toByteArray();
  }

  static MboMsg mbo(long tsEvent, long orderId) {
    return new MboMsg(
        new RecordHeader(RType.MBO, 1, 42, tsEvent),
        orderId,
        5_000_250_000_000L,
        3,
        0,
        0,
        'A',
        'B',
        tsEvent + 10,
        5,
        orderId);
  }

  static TradeMsg trade(long tsEvent) {
    return new TradeMsg(
        new RecordHeader(RType.MBP_0, 1, 7, tsEvent),
        4_999_000_000_000L,
        1,
        'T',
        'A',
        0,
        0,
        tsEvent + 10,
        5,
        1);
  }

  static SystemMsg system(int code, String message) {
    return new SystemMsg(new RecordHeader(RType.SYSTEM, 0, 0, SESSION_START), message, code);
  }

  static SystemMsg heartbeat(long tsEvent) {
    return new SystemMsg(new RecordHeader(RType.SYSTEM, 0, 0, tsEvent), "Heartbeat", 0);
  }

  static ErrorMsg error(int code, String message) {
    return new ErrorMsg(new RecordHeader(RType.ERROR, 0, 0, SESSION_START), message, code, 1);
  }
}
