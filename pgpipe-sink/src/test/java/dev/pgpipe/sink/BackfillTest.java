package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.sink.backfill.BackfillOptions;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Tables backfilled while the stream flows (watermark chunks): a table added to a running
 * replication's tables, chunk sizes around the table's size, and a re-snapshot asked for by hand.
 */
@WithPostgres
class BackfillTest {

  private static final Duration PROGRESS = Duration.ofSeconds(60);
  private static final BackfillOptions OPTIONS =
      BackfillOptions.DEFAULTS.withIdlePoll(Duration.ofMillis(100));

  private static Replicator replicator(
      TestDatabase source, TestDatabase target, String slot, List<String> tables, int chunk) {
    return Replicator.create(
        Pair.source(source, slot, tables).build(),
        Pair.sink(target, slot, tables).build(),
        OPTIONS.withChunkRows(chunk));
  }

  private static void awaitEqual(TestDatabase source, TestDatabase target, String table) {
    try {
      Pair.awaitSameRows(source, target, table, PROGRESS);
    } catch (AssertionError e) {
      throw new AssertionError(
          "source " + Pair.rows(source, table) + "\ntarget " + Pair.rows(target, table), e);
    }
  }

  private static String backfill(TestDatabase target, String table) {
    return Pair.text(
        target,
        "SELECT state || ' ' || rows_done || ' rows ' || chunks || ' chunks'"
            + " FROM pgpipe.sink_backfills WHERE table_name = '"
            + table
            + "'");
  }

  private static void awaitDone(TestDatabase target, String table) {
    Await.until(
        table + " backfilled",
        PROGRESS,
        () ->
            Pair.text(
                    target,
                    "SELECT count(*) FROM pgpipe.sink_backfills WHERE state = 'done'"
                        + " AND table_name = '"
                        + table
                        + "'")
                .equals("1"));
  }

  @Test
  void tableAddedToTheTablesIsBackfilledUnderWritesIntoAnEmptyTarget(TestDatabase source)
      throws Exception {
    TestDatabase target = Pair.target("bf");
    source.execute(
        "CREATE TABLE bf_a (id int8 PRIMARY KEY, v text)",
        "CREATE TABLE bf_c (id int8 PRIMARY KEY, v text, n numeric(10,2))",
        "INSERT INTO bf_a SELECT g, 'a' FROM generate_series(1, 50) g",
        "INSERT INTO bf_c SELECT g, 'old', g FROM generate_series(1, 3000) g");
    Replicator first = replicator(source, target, "bf", List.of("bf_a"), 250);
    CompletableFuture<Void> running = Pair.start(first);
    try (first) {
      awaitEqual(source, target, "bf_a");
    }
    assertThat(running).succeedsWithin(PROGRESS);
    source.execute("INSERT INTO bf_c VALUES (3001, 'while down', 1)");
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger round = new AtomicInteger();
    CompletableFuture<Void> writes =
        CompletableFuture.runAsync(
            () -> {
              while (writing.get()) {
                int r = round.incrementAndGet();
                source.execute(
                    "UPDATE bf_c SET v = 'upd " + r + "', n = n + 1 WHERE id % 97 = " + (r % 97),
                    "DELETE FROM bf_c WHERE id = " + (r * 7 % 3000 + 1),
                    "INSERT INTO bf_c VALUES (" + (5000 + r) + ", 'new', " + r + ")",
                    "UPDATE bf_a SET v = 'w" + r + "' WHERE id = " + (r % 50 + 1));
              }
            },
            task -> Thread.ofPlatform().daemon().start(task));
    Replicator second = replicator(source, target, "bf", List.of("bf_a", "bf_c"), 250);
    running = Pair.start(second);
    try (second) {
      awaitDone(target, "public.bf_c");
      writing.set(false);
      assertThat(writes).succeedsWithin(PROGRESS);
      awaitEqual(source, target, "bf_c");
      awaitEqual(source, target, "bf_a");
      assertThat(second.sink().deadLetters()).isZero();
    }
    assertThat(running).succeedsWithin(PROGRESS);
    assertThat(round.get()).as("writes while backfilling").isPositive();
    assertThat(backfill(target, "public.bf_c")).startsWith("done");
  }

  @Test
  void chunksOfOneLessExactlyAndOneMoreThanTheTable(TestDatabase source) {
    TestDatabase target = Pair.target("bfs");
    source.execute(
        "CREATE TABLE bfs_seed (id int PRIMARY KEY)",
        "INSERT INTO bfs_seed VALUES (1)",
        "CREATE TABLE bfs_9 (k text, j int, v text, PRIMARY KEY (k, j))",
        "CREATE TABLE bfs_10 (k text, j int, v text, PRIMARY KEY (k, j))",
        "CREATE TABLE bfs_11 (k text, j int, v text, PRIMARY KEY (k, j))",
        "CREATE TABLE bfs_0 (id int PRIMARY KEY)",
        "INSERT INTO bfs_9 SELECT 'k' || (g % 3), g, 'v' FROM generate_series(1, 9) g",
        "INSERT INTO bfs_10 SELECT 'k' || (g % 3), g, 'v' FROM generate_series(1, 10) g",
        "INSERT INTO bfs_11 SELECT 'k' || (g % 3), g, 'v' FROM generate_series(1, 11) g");
    Replicator first = replicator(source, target, "bfs", List.of("bfs_seed"), 10);
    CompletableFuture<Void> running = Pair.start(first);
    try (first) {
      awaitEqual(source, target, "bfs_seed");
    }
    assertThat(running).succeedsWithin(PROGRESS);
    List<String> all = List.of("bfs_seed", "bfs_9", "bfs_10", "bfs_11", "bfs_0");
    Replicator second = replicator(source, target, "bfs", all, 10);
    running = Pair.start(second);
    try (second) {
      for (String table : List.of("bfs_9", "bfs_10", "bfs_11")) {
        awaitDone(target, "public." + table);
        awaitEqual(source, target, table);
      }
      awaitDone(target, "public.bfs_0");
    }
    assertThat(running).succeedsWithin(PROGRESS);
    assertThat(backfill(target, "public.bfs_9")).isEqualTo("done 9 rows 1 chunks");
    assertThat(backfill(target, "public.bfs_10")).isEqualTo("done 10 rows 2 chunks");
    assertThat(backfill(target, "public.bfs_11")).isEqualTo("done 11 rows 2 chunks");
    assertThat(backfill(target, "public.bfs_0")).isEqualTo("done 0 rows 1 chunks");
  }

  @Test
  void requestedBackfillRepairsATargetTableWhileItStreams(TestDatabase source) {
    TestDatabase target = Pair.target("bfr");
    source.execute(
        "CREATE TABLE bfr (id int8 PRIMARY KEY, v text)",
        "INSERT INTO bfr SELECT g, 'v' || g FROM generate_series(1, 400) g");
    Replicator replicator = replicator(source, target, "bfr", List.of("bfr"), 64);
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      awaitEqual(source, target, "bfr");
      target.execute(
          "DELETE FROM bfr WHERE id % 5 = 0", "UPDATE bfr SET v = 'damaged' WHERE id % 7 = 0");
      assertThat(replicator.sink().requestBackfill("public.bfr")).isEqualTo(1);
      source.execute("UPDATE bfr SET v = 'streamed' WHERE id = 10");
      awaitDone(target, "public.bfr");
      awaitEqual(source, target, "bfr");
      assertThat(replicator.sink().requestBackfill("public.bfr")).isEqualTo(2);
      awaitDone(target, "public.bfr");
      assertThat(replicator.sink().deadLetters()).isZero();
    }
    assertThat(running).succeedsWithin(PROGRESS);
    assertThat(backfill(target, "public.bfr")).startsWith("done").endsWith(" 7 chunks");
  }

  @Test
  void tableThatIsNotReplicatedIsRefusedWithTheReason(TestDatabase source) {
    TestDatabase target = Pair.target("bfn");
    source.execute(
        "CREATE TABLE bfn (id int PRIMARY KEY)", "CREATE TABLE bfn_other (id int PRIMARY KEY)");
    Replicator replicator = replicator(source, target, "bfn", List.of("bfn"), 10);
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      replicator.sink().requestBackfill("public.bfn_other");
      Await.until(
          "refused",
          PROGRESS,
          () ->
              Pair.text(target, "SELECT count(*) FROM pgpipe.sink_backfills WHERE state = 'failed'")
                  .equals("1"));
    }
    assertThat(running).succeedsWithin(PROGRESS);
    assertThat(Pair.text(target, "SELECT error FROM pgpipe.sink_backfills"))
        .contains("public.bfn_other is not replicated", "add it to replicate --tables");
  }
}
