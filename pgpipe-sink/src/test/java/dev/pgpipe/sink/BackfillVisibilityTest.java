package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.sink.backfill.BackfillOptions;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.PrivateServer;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Backfill chunks against transactions the source has not made visible. PostgreSQL makes a commit
 * visible only after its commit record is in the WAL, and after synchronous standbys confirmed it:
 * a commit that waits for a standby that never answers is in the change stream, and applied to the
 * target, before a chunk's low watermark, yet invisible to the chunk read after it, which must not
 * put back the row from before it. A transaction left open, on the other hand, must not hold the
 * backfill up. Both end with source and target equal row by row.
 */
@WithPostgres
class BackfillVisibilityTest {

  private static final Duration PROGRESS = Duration.ofSeconds(60);

  /** Every synchronous commit waits for this standby, which never connects. */
  private static final Map<String, String> NO_STANDBY =
      Map.of("synchronous_standby_names", "pgpipe_no_standby", "synchronous_commit", "local");

  /** A replication running on a thread of its own; closing it stops it and checks it ended well. */
  private record Running(Replicator replicator, CompletableFuture<Void> run)
      implements AutoCloseable {

    @Override
    public void close() {
      replicator.close();
      assertThat(run).succeedsWithin(PROGRESS);
    }
  }

  /**
   * Creates {@code table (id int8 key, n int8)} with {@code rows} rows on the source, and returns a
   * replication of it, chunked by {@code chunk} rows, once the target has them.
   */
  private static Running replicate(
      TestDatabase source, TestDatabase target, String table, int rows, int chunk) {
    source.execute(
        "CREATE TABLE " + table + " (id int8 PRIMARY KEY, n int8)",
        "INSERT INTO " + table + " SELECT g, g FROM generate_series(1, " + rows + ") g");
    Replicator replicator =
        Replicator.create(
            Pair.source(source, table, List.of(table)).build(),
            Pair.sink(target, table, List.of(table)).build(),
            BackfillOptions.DEFAULTS.withIdlePoll(Duration.ofMillis(100)).withChunkRows(chunk));
    Running running = new Running(replicator, Pair.start(replicator));
    Pair.awaitSameRows(source, target, table, PROGRESS);
    return running;
  }

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static boolean done(TestDatabase target, String table) {
    return Pair.text(
            target,
            "SELECT count(*) FROM pgpipe.sink_backfills WHERE state = 'done' AND table_name = '"
                + table
                + "'")
        .equals("1");
  }

  /** High watermarks in the WAL, seen through a slot of the test's own: one per chunk read. */
  private static int highWatermarks(TestDatabase source) {
    return Integer.parseInt(
        Pair.text(
            source,
            "SELECT count(*) FROM pg_logical_slot_peek_changes('bfv_watch', NULL, NULL)"
                + " WHERE data LIKE 'message:%prefix: pgpipe.backfill,%content:high %'"));
  }

  /**
   * Runs {@code sql} on {@code held} with a synchronous commit: its commit record is written and
   * streamed, and the commit then waits for the standby that does not exist, invisible.
   */
  private static CompletableFuture<Void> holdCommit(
      TestDatabase source, Connection held, String sql) throws SQLException {
    String pid = text(held, "SELECT pg_backend_pid()::text");
    try (Statement s = held.createStatement()) {
      s.execute("SET synchronous_commit = on");
    }
    CompletableFuture<Void> update =
        CompletableFuture.runAsync(
            () -> {
              try (Statement s = held.createStatement()) {
                s.execute(sql);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            },
            task -> Thread.ofPlatform().daemon().start(task));
    Await.until(
        "commit waiting for the standby",
        PROGRESS,
        () ->
            update.isDone()
                || Pair.text(
                        source,
                        "SELECT coalesce(wait_event, '') FROM pg_stat_activity WHERE pid = " + pid)
                    .equals("SyncRep"));
    assertThat(update).as("commit held").isNotDone();
    return update;
  }

  /** Ends the waits for the standby: the held commits become visible. */
  private static void releaseCommits(TestDatabase source) {
    Pair.text(
        source,
        "SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE wait_event = 'SyncRep'");
  }

  @Test
  void commitStreamedButNotYetVisibleIsNotUndoneByTheChunk() throws Exception {
    try (PrivateServer server = PrivateServer.start(NO_STANDBY)) {
      TestDatabase source = server.createDatabase("bfv_source");
      TestDatabase target = Pair.target("bfv");
      try (Running running = replicate(source, target, "bfv", 20, 1000);
          Connection held = source.connect()) {
        try {
          source.execute("SELECT pg_create_logical_replication_slot('bfv_watch', 'test_decoding')");
          CompletableFuture<Void> update =
              holdCommit(source, held, "UPDATE bfv SET n = n + 1000 WHERE id = 7");
          Await.until(
              "the held update on the target",
              PROGRESS,
              () -> Pair.text(target, "SELECT n FROM bfv WHERE id = 7").equals("1007"));
          assertThat(Pair.text(source, "SELECT n FROM bfv WHERE id = 7"))
              .as("not yet visible on the source")
              .isEqualTo("7");

          running.replicator().sink().requestBackfill("public.bfv");
          // the first read, three more at once, and one after a pause, with a warning
          Await.until(
              "the chunk applied, or read five times",
              PROGRESS,
              () -> done(target, "public.bfv") || highWatermarks(source) >= 5);
          assertThat(done(target, "public.bfv"))
              .as(
                  "chunk applied while a commit it did not see was held: target row 7 is now "
                      + Pair.text(target, "SELECT n FROM bfv WHERE id = 7"))
              .isFalse();
          releaseCommits(source);
          assertThat(update).succeedsWithin(PROGRESS);
          Await.until("backfill done", PROGRESS, () -> done(target, "public.bfv"));

          source.execute("UPDATE bfv SET n = n + 1 WHERE id = 20");
          Await.until(
              "a later change on the target",
              PROGRESS,
              () -> Pair.text(target, "SELECT n FROM bfv WHERE id = 20").equals("21"));
          assertThat(Pair.rows(target, "bfv"))
              .contains("(7,1007)")
              .isEqualTo(Pair.rows(source, "bfv"));
        } finally {
          releaseCommits(source); // before the held connection closes
        }
      }
    }
  }

  @Test
  void transactionLeftOpenDoesNotHoldTheBackfillUp(TestDatabase source) throws Exception {
    TestDatabase target = Pair.target("bfl");
    try (Running running = replicate(source, target, "bfl", 300, 50);
        Connection open = source.connect()) {
      open.setAutoCommit(false);
      try (Statement s = open.createStatement()) {
        s.execute("UPDATE bfl SET n = -1 WHERE id = 123");
      }
      String xid = text(open, "SELECT pg_current_xact_id()::text");
      source.execute("UPDATE bfl SET n = n + 1000 WHERE id % 10 = 0");
      target.execute("DELETE FROM bfl WHERE id % 7 = 0");

      running.replicator().sink().requestBackfill("public.bfl");
      Await.until("backfill done", PROGRESS, () -> done(target, "public.bfl"));
      assertThat(text(open, "SELECT pg_current_xact_id_if_assigned()::text"))
          .as("the transaction is still open")
          .isEqualTo(xid);
      open.commit();
      Pair.awaitSameRows(source, target, "bfl", PROGRESS);
      assertThat(Pair.rows(target, "bfl")).contains("(123,-1)", "(140,1140)");
    }
    assertThat(
            Pair.text(
                target,
                "SELECT state || ' ' || rows_done FROM pgpipe.sink_backfills"
                    + " WHERE table_name = 'public.bfl'"))
        .isEqualTo("done 300");
  }
}
