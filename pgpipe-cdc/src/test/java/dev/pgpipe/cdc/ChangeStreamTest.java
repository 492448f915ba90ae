package dev.pgpipe.cdc;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@WithPostgres
class ChangeStreamTest {

  @Test
  void deliversInsertsUpdatesDeletesAndTruncateGroupedByTransaction(TestDatabase database) {
    database.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, qty int)");
    try (ChangeStream stream = ChangeStream.open(Streams.config(database, "basic").build())) {
      database.execute(
          "INSERT INTO items VALUES (1, 'a', 1)",
          "BEGIN; INSERT INTO items VALUES (2, 'b', 2); UPDATE items SET qty = 20 WHERE id = 2;"
              + " UPDATE items SET id = 3 WHERE id = 2; DELETE FROM items WHERE id = 1; COMMIT",
          "TRUNCATE items");
      List<Transaction> txs = Streams.take(stream, 3);

      Transaction first = txs.get(0);
      assertThat(first.events())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.operation()).isEqualTo(Operation.INSERT);
                assertThat(e.after()).isEqualTo(Map.of("id", 1, "name", "a", "qty", 1));
                assertThat(e.before()).isNull();
                assertThat(requireNonNull(e.table()).keyColumns()).containsExactly("id");
                assertThat(requireNonNull(e.table()).columns().get(1).nullable()).isFalse();
                assertThat(requireNonNull(e.table()).columns().get(2).nullable()).isTrue();
              });
      assertThat(first.commitLsn()).isLessThan(first.endLsn());

      Transaction second = txs.get(1);
      assertThat(second.events())
          .extracting(ChangeEvent::operation)
          .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE, Operation.DELETE);
      assertThat(second.events()).extracting(ChangeEvent::index).containsExactly(0, 1, 2, 3);
      assertThat(second.events()).allSatisfy(e -> assertThat(e.xid()).isEqualTo(second.xid()));
      assertThat(second.events().get(1).before()).isNull();
      assertThat(second.events().get(2).before()).isEqualTo(Map.of("id", 2));
      assertThat(second.events().get(2).after()).containsEntry("id", 3).containsEntry("qty", 20);
      assertThat(second.events().get(3).before()).isEqualTo(Map.of("id", 1));
      assertThat(second.beginLsn()).isLessThanOrEqualTo(second.events().get(0).lsn());

      assertThat(txs.get(2).events())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.operation()).isEqualTo(Operation.TRUNCATE);
                assertThat(e.source()).isEqualTo("public.items");
              });
      assertThat(stream.stats().deliveredTransactions()).isEqualTo(3);
    }
  }

  @Test
  void unchangedToastValueIsUnchangedNotNullAndFullIdentitySendsOldRows(TestDatabase database) {
    database.execute(
        "CREATE TABLE docs (id int PRIMARY KEY, body text, n int)",
        "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL",
        "CREATE TABLE full_rows (id int PRIMARY KEY, v text)",
        "ALTER TABLE full_rows REPLICA IDENTITY FULL",
        "INSERT INTO docs VALUES (1, repeat('x', 100000), 1)",
        "INSERT INTO full_rows VALUES (1, 'old')");
    try (ChangeStream stream = ChangeStream.open(Streams.config(database, "toast").build())) {
      database.execute(
          "UPDATE docs SET n = 2 WHERE id = 1",
          "UPDATE full_rows SET v = 'new' WHERE id = 1",
          "DELETE FROM full_rows WHERE id = 1");
      List<Transaction> txs = Streams.take(stream, 3);
      ChangeEvent toast = txs.get(0).events().get(0);
      assertThat(toast.after()).containsEntry("body", Unchanged.VALUE).containsEntry("n", 2);
      ChangeEvent full = txs.get(1).events().get(0);
      assertThat(requireNonNull(full.table()).replicaIdentity()).isEqualTo('f');
      assertThat(full.before()).isEqualTo(Map.of("id", 1, "v", "old"));
      assertThat(txs.get(2).events().get(0).before()).isEqualTo(Map.of("id", 1, "v", "new"));
    }
  }

  @Test
  void filtersTablesByGlobAndOperationsAndStillAdvancesTheSlot(TestDatabase database) {
    database.execute(
        "CREATE TABLE keep_me (id int PRIMARY KEY)", "CREATE TABLE skip_me (id int PRIMARY KEY)");
    EventFilter filter =
        new EventFilter(List.of("keep_*"), List.of("*skip*"), Set.of(Operation.INSERT));
    try (ChangeStream stream =
        ChangeStream.open(Streams.config(database, "filtered").filter(filter).build())) {
      database.execute(
          "INSERT INTO skip_me VALUES (1)",
          "INSERT INTO keep_me VALUES (1)",
          "DELETE FROM keep_me",
          "INSERT INTO keep_me VALUES (2)");
      List<Transaction> txs = Streams.take(stream, 2);
      assertThat(txs)
          .flatExtracting(Transaction::events)
          .extracting(e -> requireNonNull(e.after()).get("id"))
          .containsExactly(1, 2);
      database.execute("INSERT INTO skip_me VALUES (2)");
      long written = Streams.scalarLong(database, "SELECT pg_current_wal_lsn() - '0/0'");
      dev.pgpipe.testkit.Await.until(
          "slot confirms past filtered traffic",
          java.time.Duration.ofSeconds(20),
          () -> Streams.confirmedFlush(database, "filtered") >= written);
    }
  }

  @Test
  void logicalMessagesAreEventsAndHeartbeatsAreNot(TestDatabase database) {
    database.execute("CREATE TABLE m (id int PRIMARY KEY)");
    CdcConfig.Builder config = Streams.config(database, "messages");
    config.tuning().heartbeatInterval(java.time.Duration.ofMillis(50));
    try (ChangeStream stream = ChangeStream.open(config.build())) {
      database.execute(
          "BEGIN; INSERT INTO m VALUES (1); SELECT pg_logical_emit_message(true, 'app', 'hello'); COMMIT",
          "SELECT pg_logical_emit_message(false, 'app', '\\x00ff'::bytea)");
      List<Transaction> txs = Streams.take(stream, 2);
      ChangeEvent message = txs.get(0).events().get(1);
      assertThat(message.operation()).isEqualTo(Operation.MESSAGE);
      assertThat(requireNonNull(message.message()).prefix()).isEqualTo("app");
      assertThat(new String(requireNonNull(message.message()).content())).isEqualTo("hello");
      assertThat(requireNonNull(txs.get(1).events().get(0).message()).transactional()).isFalse();
      assertThat(requireNonNull(txs.get(1).events().get(0).message()).content())
          .containsExactly(0, -1);
    }
  }
}
