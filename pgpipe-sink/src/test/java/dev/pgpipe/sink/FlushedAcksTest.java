package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.testkit.PrivateServer;
import dev.pgpipe.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acknowledgements wait for the target's WAL flush. The target is a server of the test's own whose
 * WAL writer waits 10 s between rounds, so a commit without a flush stays unflushed until something
 * flushes the WAL: here a batch committed waiting for the flush.
 */
class FlushedAcksTest {

  private static PrivateServer server;

  @BeforeAll
  static void start() {
    server = PrivateServer.start(Map.of("wal_writer_delay", "10s"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anUnflushedBatchIsAcknowledgedOnlyAfterACommitFlushedTheWal() {
    try (Held t = Held.open("held", 100)) {
      RecordingSource source = t.source;
      TableSink sink = t.sink;
      FlushedAcks acks = t.acks;
      List<Transaction> first = List.of(new Events("t", 100).insert(1, "a", 1).tx());
      acks.apply(first, sink::applyAfter);
      first.forEach(acks::acknowledge);
      assertThat(acks.settle(Duration.ofMillis(300))).as("still held").isEqualTo(1);
      assertThat(source.acknowledged).isEmpty();

      sink.apply(List.of(new Events("t", 200).insert(2, "b", 2).tx())); // waits for the flush
      assertThat(acks.settle(Duration.ofSeconds(5))).isZero();
      assertThat(source.acknowledged).containsExactlyElementsOf(first);
    }
  }

  @Test
  void beyondItsLimitTheNextBatchCommitsWithTheFlushAndReleasesAll() {
    try (Held t = Held.open("limit", 2)) {
      RecordingSource source = t.source;
      TableSink sink = t.sink;
      FlushedAcks acks = t.acks;
      List<Transaction> txs = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        Transaction tx = new Events("t", 100L * i).insert(i, "v", i).tx();
        txs.add(tx);
        acks.apply(List.of(tx), sink::applyAfter);
        acks.acknowledge(tx);
      }
      // 3 were held (over the limit of 2) when the 4th was applied: it committed with the flush
      assertThat(source.acknowledged).containsExactlyElementsOf(txs.subList(0, 3));
      assertThat(acks.settle(Duration.ofMillis(100))).as("the 4th, placed and held").isEqualTo(1);
      sink.apply(List.of(new Events("t", 500).insert(5, "v", 5).tx())); // flushes the 4th too
      assertThat(acks.settle(Duration.ofSeconds(5))).isZero();
      assertThat(source.acknowledged).containsExactlyElementsOf(txs);
    }
  }

  @Test
  void aLedgerBehindWhatWasAcknowledgedIsALostCommit() {
    try (Held t = Held.open("lost", 100)) {
      RecordingSource source = t.source;
      TableSink sink = t.sink;
      FlushedAcks acks = t.acks;
      Transaction tx = new Events("t", 100).insert(1, "a", 1).tx();
      acks.apply(List.of(tx), sink::applyAfter);
      acks.acknowledge(tx);
      t.target.execute("UPDATE pgpipe.sink_ledger SET commit_lsn = '0/10'"); // as a crash would
      Transaction next = new Events("t", 200).insert(2, "b", 2).tx();
      assertThatThrownBy(() -> acks.apply(List.of(next), sink::applyAfter))
          .isInstanceOf(TargetRolledBackException.class)
          .hasMessageContaining("ledger of source lost is at")
          .hasMessageContaining("0/64"); // the lost transaction's commit LSN, 100
      assertThat(source.acknowledged).isEmpty();
    }
  }

  /** A target of its own, a sink on it, and acknowledgements held for a recording source. */
  private record Held(
      TestDatabase target,
      RecordingSource source,
      TableSink sink,
      Database session,
      FlushedAcks acks)
      implements AutoCloseable {

    static Held open(String name, long limit) {
      TestDatabase target = server.createDatabase("flushed_" + name);
      target.execute("CREATE TABLE t (id int8 PRIMARY KEY, v text, n int4)");
      TableSink sink =
          TableSink.open(
              SinkConfig.builder().url(target.url()).sourceId(name).tables(List.of("t")).build());
      Database session = Database.builder().url(target.url()).maxSize(1).open();
      RecordingSource source = new RecordingSource();
      return new Held(
          target,
          source,
          sink,
          session,
          new FlushedAcks(source, () -> sink.wal(session), name, limit, Ticker.SYSTEM));
    }

    @Override
    public void close() {
      session.close();
      sink.close();
    }
  }
}
