package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Source → target with no broker, on two embedded databases. */
@WithPostgres
class ReplicatorTest {

  private static final String TABLE =
      "CREATE TABLE %s (id int8 PRIMARY KEY, name text, amount numeric(12,2), seen timestamptz,"
          + " tags text[], data bytea, doc jsonb, big text)";

  private static void awaitEqual(TestDatabase source, TestDatabase target, String table) {
    Await.until(
        table + " replicated",
        Duration.ofSeconds(60),
        () -> Pair.checksum(source, table).equals(Pair.checksum(target, table)));
  }

  @Test
  void snapshotThenInsertsUpdatesDeletesAndMultiRowTransactionsArrive(TestDatabase source) {
    TestDatabase target = Pair.target("rep");
    for (TestDatabase db : List.of(source, target)) {
      db.execute(TABLE.formatted("items"));
    }
    source.execute(
        "INSERT INTO items SELECT g, 'n' || g, g * 1.5, now(), ARRAY['a', 'b\"c'], '\\x00ff',"
            + " '{\"k\": 1}', NULL FROM generate_series(1, 500) g");
    Replicator replicator =
        Replicator.create(
            Pair.source(source, "rep_items", List.of("items")).build(),
            Pair.sink(target, "rep_items", List.of("items")).build());
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      awaitEqual(source, target, "items");
      source.execute(
          "BEGIN; INSERT INTO items VALUES (1001, E'tab\\there\\nnew line', -3.25, 'infinity',"
              + " '{}', NULL, 'null', NULL); UPDATE items SET name = 'upd' WHERE id < 50;"
              + " DELETE FROM items WHERE id BETWEEN 100 AND 120; COMMIT",
          "UPDATE items SET id = id + 10000 WHERE id = 7",
          "INSERT INTO items (id) VALUES (2000)",
          "DELETE FROM items WHERE id = 2000");
      awaitEqual(source, target, "items");
      assertThat(replicator.stats().deadLettered()).isZero();
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
  }

  @Test
  void withSynchronousCommitsEveryBatchIsAcknowledgedAsItCommits(TestDatabase source) {
    TestDatabase target = Pair.target("sync");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE synced (id int PRIMARY KEY, v text)");
    }
    source.execute("INSERT INTO synced SELECT g, 'snapshot' FROM generate_series(1, 50) g");
    Replicator replicator =
        Replicator.create(
            Pair.source(source, "rep_sync", List.of("synced")).build(),
            Pair.sink(target, "rep_sync", List.of("synced")).synchronousCommit(true).build());
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      source.execute("INSERT INTO synced VALUES (51, 'streamed')", "UPDATE synced SET v = 'u'");
      Pair.awaitSameRows(source, target, "synced", Duration.ofSeconds(60));
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    String applied =
        Pair.text(target, "SELECT end_lsn FROM pgpipe.sink_ledger WHERE source_id = 'rep_sync'");
    assertThat(
            Pair.text(
                source,
                "SELECT confirmed_flush_lsn >= '"
                    + applied
                    + "' FROM pg_replication_slots WHERE slot_name = 'rep_sync'"))
        .as("the slot confirmed all the target applied")
        .isEqualTo("t");
  }

  @Test
  void slotLostAfterTheSnapshotIsReplacedByAFreshCopyWithoutRowsDeletedMeanwhile(
      TestDatabase source) {
    TestDatabase target = Pair.target("lost");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE lost (id int PRIMARY KEY, v text)");
    }
    source.execute("INSERT INTO lost SELECT g, 'v' FROM generate_series(1, 100) g");
    for (int run = 0; run < 2; run++) {
      Replicator replicator =
          Replicator.create(
              Pair.source(source, "rep_lost", List.of("lost")).build(),
              Pair.sink(target, "rep_lost", List.of("lost")).build());
      CompletableFuture<Void> running = Pair.start(replicator);
      try (replicator) {
        source.execute("INSERT INTO lost VALUES (" + (1000 + run) + ", 'streamed')");
        awaitEqual(source, target, "lost");
      }
      assertThat(running).succeedsWithin(Duration.ofSeconds(30));
      source.execute(
          "SELECT pg_drop_replication_slot('rep_lost')", "DELETE FROM lost WHERE id <= 10");
    }
    assertThat(Pair.text(target, "SELECT count(*) FROM lost WHERE id <= 10")).isEqualTo("0");
  }

  @Test
  void hundredThousandRowTransactionAndUnchangedToast(TestDatabase source) {
    TestDatabase target = Pair.target("big");
    for (TestDatabase db : List.of(source, target)) {
      db.execute(TABLE.formatted("bulk"));
    }
    Replicator replicator =
        Replicator.create(
            Pair.source(source, "rep_bulk", List.of("bulk")).build(),
            Pair.sink(target, "rep_bulk", List.of("bulk")).build());
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      source.execute(
          "INSERT INTO bulk (id, name, amount) SELECT g, md5(g::text), g FROM"
              + " generate_series(1, 100000) g");
      source.execute(
          "INSERT INTO bulk (id, big) SELECT -g, (SELECT string_agg(md5(random()::text), '')"
              + " FROM generate_series(1, 400)) FROM generate_series(1, 3) g");
      awaitEqual(source, target, "bulk");
      source.execute(
          "BEGIN; UPDATE bulk SET name = 'toast kept' WHERE id < 0;"
              + " UPDATE bulk SET big = 'replaced' WHERE id = -3;"
              + " INSERT INTO bulk (id, big) VALUES (-4, 'full row'); COMMIT");
      awaitEqual(source, target, "bulk");
      assertThat(Pair.text(target, "SELECT count(*) FROM bulk WHERE length(big) > 12000"))
          .isEqualTo("2");
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
  }

  @Test
  void whitelistAndIdentifierAttacksChangeNothingElse(TestDatabase source) {
    TestDatabase target = Pair.target("atk");
    String evil = "\"x\"\"; drop table t; --\"";
    for (TestDatabase db : List.of(source, target)) {
      db.execute(
          "CREATE TABLE t (id int PRIMARY KEY)",
          "INSERT INTO t VALUES (1)",
          "CREATE TABLE " + evil + " (id int PRIMARY KEY, v text)",
          "CREATE TABLE ok (id int PRIMARY KEY, v text)");
    }
    source.execute("ALTER TABLE ok ADD COLUMN " + evil + " text");
    Replicator replicator =
        Replicator.create(
            Pair.source(source, "rep_atk", List.of())
                .snapshot(dev.pgpipe.cdc.SnapshotMode.NEVER)
                .build(),
            Pair.sink(target, "rep_atk", List.of("ok", "t")).build());
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      Await.until(
          "replication slot",
          Duration.ofSeconds(30),
          () ->
              !Pair.text(
                      source,
                      "SELECT count(*) FROM pg_replication_slots WHERE slot_name =" + " 'rep_atk'")
                  .equals("0"));
      source.execute(
          "INSERT INTO " + evil + " VALUES (1, 'ignored: not whitelisted')",
          "INSERT INTO ok VALUES (1, 'v', 'column unknown to the target')",
          "INSERT INTO t VALUES (2)");
      awaitEqual(source, target, "t");
      awaitEqual(source, target, "ok");
      assertThat(replicator.sink().deadLetters()).isZero();
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    assertThat(Pair.text(target, "SELECT count(*) FROM " + evil)).isEqualTo("0");
    assertThat(Pair.text(target, "SELECT " + evil + " FROM ok"))
        .as("the column with a hostile name was added, quoted")
        .isEqualTo("column unknown to the target");
  }
}
