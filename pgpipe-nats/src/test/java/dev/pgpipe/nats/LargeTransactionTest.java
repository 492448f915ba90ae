package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A one-million-row transaction crosses JetStream as ordered chunks under the message size limit,
 * on the transaction subject (it came from the reader in parts), and arrives whole.
 */
@WithPostgres
class LargeTransactionTest {

  private static final int ROWS = 1_000_000;

  @Test
  void millionRowTransactionTravelsInChunksAndArrivesWhole(TestDatabase source) throws Exception {
    TestDatabase target = Pipes.target("large");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE big (id int PRIMARY KEY)");
    }
    CdcConfig.Builder cdc = Pipes.source(source, "large", SnapshotMode.NEVER);
    cdc.tuning().maxEventsPerPart(10_000).queueCapacity(4);
    AtomicReference<ConsumerStats> stats = new AtomicReference<>();
    long started = System.nanoTime();
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, "large", List.of("big")));
        Background publisher =
            Background.start(
                "publisher",
                stop ->
                    TransactionPublisher.run(
                        cdc.build(), Pipes.publisher(nats.url()).build(), stop::get));
        Background consumer =
            Background.start(
                "consumer",
                stop ->
                    stats.set(
                        TransactionConsumer.run(
                            Pipes.consumer(nats.url(), "large").fetchBatch(8).build(),
                            new TransactionSinkHandler(sink, false),
                            stop::get)))) {
      Await.until("slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "large"));
      source.execute("INSERT INTO big SELECT g FROM generate_series(1, " + ROWS + ") g");
      Await.until(
          "a million rows in the target",
          Duration.ofSeconds(150),
          () -> {
            publisher.check();
            consumer.check();
            return Pipes.count(target, "big") == ROWS;
          });
      try (Connection c = Nats.connect(nats.url())) {
        var jsm = c.jetStreamManagement();
        var state = jsm.getStreamInfo("PGPIPE", StreamInfoOptions.allSubjects()).getStreamState();
        long chunks = state.getMsgCount();
        assertThat(chunks).isGreaterThan(100);
        assertThat(state.getSubjectMap()).isEqualTo(Map.of("pgpipe.src._tx", chunks));
        assertThat(state.getByteCount() / chunks).isLessThanOrEqualTo(1024 * 1024);
        MessageInfo last = jsm.getMessage("PGPIPE", state.getLastSequence());
        Headers headers = Objects.requireNonNull(last.getHeaders());
        assertThat(headers.getFirst("Pgpipe-Last")).isEqualTo("true");
        assertThat(headers.getFirst("Pgpipe-Chunks")).isEqualTo(Long.toString(chunks));
      }
    }
    System.out.printf(
        "1M-row transaction through JetStream: %d chunks applied in %d s%n",
        stats.get().messages(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    assertThat(stats.get().transactions()).isEqualTo(1);
    assertThat(stats.get().events()).isEqualTo(ROWS);
  }
}
