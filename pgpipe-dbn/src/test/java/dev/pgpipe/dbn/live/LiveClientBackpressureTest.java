package dev.pgpipe.dbn.live;

import static dev.pgpipe.dbn.live.LiveFixtures.SESSION_START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.gateway.MockGateway;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A slow application slows the socket, not the heap. */
class LiveClientBackpressureTest {
  private static final int BLOCK = 1000;
  private static final int BLOCKS =
      600; // 600,000 MBO records, 33.6 MB: more than any socket buffer

  @Test
  void aSlowConsumerStopsTheGatewayInsteadOfBufferingItsStream() throws Exception {
    List<DbnRecord> block =
        LongStream.range(0, BLOCK)
            .<DbnRecord>mapToObj(i -> LiveFixtures.mbo(SESSION_START, i))
            .toList();
    byte[] bytes = LiveFixtures.records(false, block);
    long total = (long) bytes.length * BLOCKS;
    try (MockGateway gateway = MockGateway.start()) {
      gateway.serve(
          s -> {
            s.handshake(LiveFixtures.KEY);
            s.readSubscriptions();
            s.startStream().stream(LiveFixtures.metadata(SESSION_START, false));
            s.streamRepeated(bytes, BLOCKS);
            s.end();
          });
      try (LiveClient client = LiveFixtures.client(gateway).build()) {
        client.subscribe(Subscription.of(Schema.MBO, SType.RAW_SYMBOL, "ESH6"));
        client.start();
        assertThat(client.next()).isInstanceOf(LiveEvent.SessionStarted.class);
        assertThat(client.next()).isInstanceOf(LiveEvent.Data.class);

        awaitStalled(() -> gateway.session(0).bytesStreamed());

        assertThat(gateway.session(0).bytesStreamed()).isLessThan(total);
        assertThat(client.bytesReceived()).isLessThan(1 << 20); // one read buffer, not the stream
        long records = 1;
        long lastOrderId = 0;
        for (LiveEvent e = client.next(); e != null; e = client.next()) {
          MboMsg mbo = (MboMsg) ((LiveEvent.Data) e).record();
          lastOrderId = mbo.orderId();
          records++;
        }
        assertThat(records).isEqualTo((long) BLOCK * BLOCKS);
        assertThat(lastOrderId).isEqualTo(BLOCK - 1);
      }
      gateway.awaitScripts(Duration.ofSeconds(10));
    }
  }

  /** Waits until the gateway's sent-byte count stops moving: its writes are blocked. */
  private static void awaitStalled(java.util.function.LongSupplier sent) {
    AtomicLong last = new AtomicLong(-1);
    long[] unchangedSince = {System.nanoTime()};
    Await.until(
        "the gateway's writes to block",
        Duration.ofSeconds(10),
        () -> {
          long now = sent.getAsLong();
          if (now != last.getAndSet(now)) {
            unchangedSince[0] = System.nanoTime();
            return false;
          }
          return now > 0 && System.nanoTime() - unchangedSince[0] > 200_000_000L;
        });
  }
}
