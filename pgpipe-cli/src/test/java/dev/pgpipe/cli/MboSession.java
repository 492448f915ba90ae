package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.testkit.gateway.GatewayScript;
import dev.pgpipe.testkit.gateway.GatewaySession;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One scripted gateway session of the {@code live} tests: MBO records {@code from} to {@code from +
 * count - 1} (order id and price follow the number), then a drop or a graceful end once the test
 * {@link #release()}s it. A session made {@link #held} takes the connection but answers nothing
 * until {@link #admit()}: the client waits in its handshake, as behind a slow or restarting
 * gateway.
 */
final class MboSession implements GatewayScript {

  static final String KEY = "32-character-with-lots-of-filler";
  static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final long start;
  private final int from;
  private final int count;
  private final boolean drop;
  private final CountDownLatch admitted;
  private final CountDownLatch released = new CountDownLatch(1);

  private MboSession(long start, int from, int count, boolean drop, boolean held) {
    this.start = start;
    this.from = from;
    this.count = count;
    this.drop = drop;
    this.admitted = new CountDownLatch(held ? 1 : 0);
  }

  /** A session that answers at once. */
  MboSession(long start, int from, int count, boolean drop) {
    this(start, from, count, drop, false);
  }

  /** A session that answers only after {@link #admit()}. */
  static MboSession held(long start, int from, int count, boolean drop) {
    return new MboSession(start, from, count, drop, true);
  }

  @Override
  public void run(GatewaySession session) throws Exception {
    assertThat(admitted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("admitted").isTrue();
    session.handshake(KEY);
    session.readSubscriptions();
    Metadata metadata = Metadata.of("GLBX.MDP3", null, start, Dbn.UNDEF_TIMESTAMP);
    session.startStream().stream(DbnEncoder.encodeMetadata(metadata));
    session.stream(records());
    assertThat(released.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("released").isTrue();
    if (drop) {
      session.drop();
    } else {
      session.end();
    }
  }

  private byte[] records() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.fragment(out, Dbn.CURRENT_VERSION, false, DbnEncoder.Compression.NONE)) {
      for (int i = from; i < from + count; i++) {
        long ts = START + i;
        RecordHeader header = new RecordHeader(RType.MBO, 1, 42, ts);
        encoder.write(new MboMsg(header, i, 6_000_000_000_000L + i, 1, 0, 0, 'A', 'B', ts, 0, i));
      }
    }
    return out.toByteArray();
  }

  /** Lets a held session answer the client's connection. */
  void admit() {
    admitted.countDown();
  }

  /** Ends the session after its records: a drop or a graceful end. */
  void release() {
    released.countDown();
  }
}
