package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The target crashes while batches committed without waiting for its WAL flush are still only in
 * its memory: the crash undoes them, ledger included, and the replicator, which had not
 * acknowledged them to the source, reads them again from the slot. The target ends equal to the
 * source row by row, with every row once.
 *
 * <p>The target is a server of the test's own whose WAL writer waits 10 s between rounds, so the
 * last commits stay unwritten until the crash: a backend killed with SIGKILL makes the postmaster
 * end every session and recover from the WAL on disk.
 */
@WithPostgres
class TargetCrashTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int SNAPSHOT_ROWS = 100;
  private static final int STREAMED_ROWS = 200;
  private static final String SLOT = "target_crash";

  @Test
  void commitsTheTargetLostInACrashAreReadAgainFromTheSlot(TestDatabase source) throws Exception {
    try (PrivateServer server = PrivateServer.start(Map.of("wal_writer_delay", "10s"))) {
      TestDatabase target = server.createDatabase("crash_target");
      for (TestDatabase db : List.of(source, target)) {
        db.execute("CREATE TABLE crashed (id int PRIMARY KEY, v text)");
      }
      source.execute(
          "INSERT INTO crashed SELECT g, 'snapshot' FROM generate_series(1, "
              + SNAPSHOT_ROWS
              + ") g");
      Replicator replicator =
          Replicator.create(
              Pair.source(source, SLOT, List.of("crashed")).build(),
              Pair.sink(target, SLOT, List.of("crashed")).batchSize(10).build());
      CompletableFuture<Void> running = Pair.start(replicator);
      try (replicator) {
        Pair.awaitSameRows(source, target, "crashed", WAIT);
        insertOneByOne(source, SNAPSHOT_ROWS + 1, STREAMED_ROWS);
        Pair.awaitSameRows(source, target, "crashed", WAIT);
        int rows = untilCommitsUnflushed(source, target, SNAPSHOT_ROWS + STREAMED_ROWS);

        crash(target);

        long kept = Long.parseLong(Pair.text(target, "SELECT count(*) FROM crashed"));
        assertThat(kept)
            .as("rows the target kept through the crash (the last commits were not flushed)")
            .isLessThan(rows);
        long confirmed =
            Long.parseLong(
                Pair.text(
                    source,
                    "SELECT (confirmed_flush_lsn - '0/0')::int8 FROM pg_replication_slots"
                        + " WHERE slot_name = '"
                        + SLOT
                        + "'"));
        long held =
            Long.parseLong(
                Pair.text(
                    target,
                    "SELECT (end_lsn - '0/0')::int8 FROM pgpipe.sink_ledger WHERE source_id = '"
                        + SLOT
                        + "'"));
        assertThat(confirmed)
            .as("the slot's confirmed LSN against the end of what the target kept")
            .isLessThanOrEqualTo(held);
        insertOneByOne(source, rows + 1, 20);
        Pair.awaitSameRows(source, target, "crashed", WAIT);
        assertThat(replicator.stats().deadLettered()).isZero();
      }
      assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    }
  }

  /**
   * Makes sure the crash has commits to lose: the batch that applied the last row may have been one
   * that waited for the flush (past {@link FlushedAcks}' limit), or the WAL writer may have run.
   * While the target's WAL is flushed to its end, one more row is streamed and applied. Returns the
   * source's row count.
   */
  private static int untilCommitsUnflushed(TestDatabase source, TestDatabase target, int rows) {
    String unflushed = "SELECT pg_current_wal_flush_lsn() < pg_current_wal_insert_lsn()";
    int total = rows;
    for (int tries = 0; tries < 20 && !Pair.text(target, unflushed).equals("t"); tries++) {
      insertOneByOne(source, ++total, 1);
      Pair.awaitSameRows(source, target, "crashed", WAIT);
    }
    assertThat(Pair.text(target, unflushed)).as("target WAL not yet flushed").isEqualTo("t");
    return total;
  }

  private static void insertOneByOne(TestDatabase source, int first, int count) {
    String[] statements = new String[count];
    for (int i = 0; i < count; i++) {
      statements[i] = "INSERT INTO crashed VALUES (" + (first + i) + ", 'streamed')";
    }
    source.execute(statements);
  }

  /**
   * Kills one backend with SIGKILL, waits until the postmaster ended every other session (a
   * watching one), then until the recovered server takes connections.
   */
  private static void crash(TestDatabase target) throws SQLException {
    try (Connection watcher = target.connect()) {
      try (Connection victim = target.connect();
          Statement s = victim.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        long pid = rs.getLong(1);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly)).contains(true);
      } catch (SQLException e) {
        // closing the killed backend's connection: expected to fail
      }
      Await.until("the crash ended the other sessions", WAIT, () -> !alive(watcher));
    }
    Await.until("target recovered", WAIT, () -> accepts(target));
  }

  private static boolean alive(Connection c) {
    try (Statement s = c.createStatement()) {
      return s.execute("SELECT 1");
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean accepts(TestDatabase target) {
    try (Connection c = target.connect();
        Statement s = c.createStatement()) {
      return s.execute("SELECT 1");
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }
}
