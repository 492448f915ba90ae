package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.pgoutput.PgOutputMessage;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Insert;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Relation;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamAbort;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamCommit;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamStart;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamStop;
import dev.pgpipe.cdc.pgoutput.RelationColumn;
import dev.pgpipe.cdc.pgoutput.TupleData;
import dev.pgpipe.cdc.pgoutput.TupleValue;
import dev.pgpipe.cdc.value.TypeRegistry;
import dev.pgpipe.client.Backoff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts: assembling streamed transactions, acknowledgement order, backoff. */
class AssemblyTest {

  private static final Instant COMMIT = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir Path spill;

  private static Insert insert(long xid, int id) {
    byte[] text = String.valueOf(id).getBytes(StandardCharsets.UTF_8);
    return new Insert(xid, 1, new TupleData(List.<TupleValue>of(new TupleValue.Text(text))));
  }

  @Test
  void interleavedStreamedTransactionsDropAbortedSubtransactionsSpillAndSplitIntoParts()
      throws Exception {
    List<Transaction> out = new ArrayList<>();
    Tuning tuning = Tuning.builder().maxEventsPerPart(3).spillDirectory(spill).build();
    TransactionAssembler assembler =
        new TransactionAssembler(
            new TypeRegistry(), CatalogLookup.NONE, EventFilter.all(), tuning, out::add);
    List<PgOutputMessage> messages = new ArrayList<>();
    messages.add(new StreamStart(100, true));
    messages.add(
        new Relation(100, 1, "public", "t", 'd', List.of(new RelationColumn(true, "id", 23, -1))));
    for (int i = 1; i <= 4; i++) {
      messages.add(insert(100, i));
    }
    messages.add(insert(101, 99));
    messages.add(new StreamStop());
    messages.add(new StreamStart(200, true));
    messages.add(insert(200, 1000));
    messages.add(new StreamStop());
    messages.add(new StreamStart(100, false));
    messages.add(insert(100, 5));
    messages.add(new StreamStop());
    messages.add(new StreamAbort(100, 101, 0, null));
    messages.add(new StreamAbort(200, 200, 0, null));
    long lsn = 10;
    for (PgOutputMessage message : messages) {
      assembler.accept(message, lsn++);
    }
    assertThat(assembler.hasOpenTransactions()).isTrue();
    try (var files = Files.list(spill)) {
      assertThat(files).as("spilled beyond 3 events in memory").isNotEmpty();
    }
    assembler.accept(new StreamCommit(100, 0, 500, 600, COMMIT), lsn);
    assertThat(assembler.hasOpenTransactions()).isFalse();
    assertThat(out).extracting(Transaction::part).containsExactly(0, 1);
    assertThat(out).extracting(Transaction::lastPart).containsExactly(false, true);
    assertThat(out)
        .flatExtracting(Transaction::events)
        .extracting(e -> Objects.requireNonNull(e.after()).get("id"))
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(out)
        .flatExtracting(Transaction::events)
        .extracting(ChangeEvent::index)
        .containsExactly(0, 1, 2, 3, 4);
    assertThat(out.get(1).events().get(0).commitTime()).isEqualTo(COMMIT);
    assertThat(out.get(1).endLsn()).isEqualTo(600);
    try (var files = Files.list(spill)) {
      assertThat(files).as("spill files deleted").isEmpty();
    }
  }

  @Test
  void changesBeforeTheirRelationOrOutsideATransactionFailWithTheLsn() {
    TransactionAssembler assembler =
        new TransactionAssembler(
            new TypeRegistry(),
            CatalogLookup.NONE,
            EventFilter.all(),
            Tuning.builder().build(),
            tx -> {});
    assertThatThrownBy(() -> assembler.accept(insert(0, 1), 0x20))
        .isInstanceOf(CdcException.class)
        .hasMessageContaining("outside a transaction")
        .hasMessageContaining("0/20");
  }

  private static Transaction tx(long end, int part, boolean last) {
    return new Transaction(1, 1, end, end, COMMIT, List.of(), part, last);
  }

  @Test
  void confirmsOnlyTheEndOfTheLatestContiguousAcknowledgedTransaction() {
    AckTracker acks = new AckTracker(5);
    Transaction a = tx(10, 0, true);
    Transaction b0 = tx(20, 0, false);
    Transaction b1 = tx(20, 1, true);
    Transaction c = tx(30, 0, true);
    for (Transaction t : List.of(a, b0, b1, c)) {
      acks.delivered(t);
    }
    acks.acknowledge(c);
    assertThat(acks.confirmed()).isEqualTo(5);
    acks.acknowledge(a);
    assertThat(acks.confirmed()).isEqualTo(10);
    acks.acknowledge(b1);
    assertThat(acks.confirmed()).as("part 0 of b not acknowledged").isEqualTo(10);
    assertThat(acks.advanceIfIdle(99)).isFalse();
    acks.acknowledge(b0);
    assertThat(acks.confirmed()).isEqualTo(30);
    assertThat(acks.advanceIfIdle(99)).isTrue();
    assertThat(acks.deliveredEnd()).isEqualTo(99);
    assertThatThrownBy(() -> acks.acknowledge(a)).hasMessageContaining("acknowledged twice");
  }

  @Test
  void reconnectBackoffDoublesWithJitterAndIsCapped() {
    Backoff reconnect =
        Tuning.builder().backoff(Duration.ofMillis(100), Duration.ofSeconds(2)).build().reconnect();
    double shortest = 1.0;
    double longest = 0.0;
    assertThat(reconnect.delayAfter(1, shortest)).isEqualTo(Duration.ofMillis(50));
    assertThat(reconnect.delayAfter(1, longest)).isEqualTo(Duration.ofMillis(100));
    assertThat(reconnect.delayAfter(4, longest)).isEqualTo(Duration.ofMillis(800));
    assertThat(reconnect.delayAfter(11, longest)).isEqualTo(Duration.ofSeconds(2));
    assertThat(reconnect.delayAfter(1001, shortest)).isEqualTo(Duration.ofSeconds(1));
  }
}
