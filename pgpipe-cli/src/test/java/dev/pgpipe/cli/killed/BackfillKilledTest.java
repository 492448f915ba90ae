package dev.pgpipe.cli.killed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.Main;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.verify.ReplicaVerifier;
import dev.pgpipe.sink.verify.TableComparison;
import dev.pgpipe.sink.verify.TableName;
import dev.pgpipe.sink.verify.VerifyOptions;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.WithPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A table added to a running replication's {@code --tables} is backfilled under concurrent writes
 * while {@code replicate} is killed with SIGKILL mid-backfill; then a narrowing pauses it, the
 * operator repairs the target, resumes, and re-snapshots it with {@code pgpipe backfill --table}.
 * In the end source and target are equal row by row, with no dead letter.
 */
@WithPostgres
class BackfillKilledTest {

  private static final Duration PROGRESS = Duration.ofSeconds(120);
  private static final List<String> TABLES = List.of("public.k_a", "public.k_c");

  @Test
  void newTableIsBackfilledAcrossAKillAndReSnapshotAfterARepairedPause() throws Exception {
    String slot = "bfk";
    String name = slot + "_" + ProcessHandle.current().pid();
    TestDatabase source = TestServer.get().createDatabase(name + "_source");
    TestDatabase target = TestServer.get().createDatabase(name + "_target");
    source.execute(
        "CREATE TABLE k_a (id int8 PRIMARY KEY, v text)",
        "CREATE TABLE k_c (id int8 PRIMARY KEY, v text, n int4)",
        "INSERT INTO k_a SELECT g, 'a' FROM generate_series(1, 100) g",
        "INSERT INTO k_c SELECT g, md5(g::text), g % 1000 FROM generate_series(1, 20000) g");
    Path logs = Files.createDirectories(Path.of("target", "backfill", name));
    PipelineChild first = replicate(source, target, slot, "k_a", logs);
    PipelineChild second = replicate(source, target, slot, "k_a,k_c", logs);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger rounds = new AtomicInteger();
    CompletableFuture<Void> writes = null;
    try {
      first.ensureRunning();
      awaitCount(target, "k_a", 100);
      // Killed before the end of its snapshot reached the target, the first run would leave a
      // snapshot to take again, and the second would copy k_c in it instead of backfilling it.
      TargetLedger ledger = new TargetLedger(target);
      Await.until("k_a's snapshot done", PROGRESS, ledger::snapshotDone);
      first.kill();
      writes =
          CompletableFuture.runAsync(
              () -> write(source, writing, rounds), Thread::startVirtualThread);
      second.ensureRunning();
      Await.until("three chunks of k_c applied", PROGRESS, () -> chunks(target) >= 3);
      second.kill();
      assertThat(state(target)).isEqualTo("running");
      second.ensureRunning();
      Await.until("k_c backfilled", PROGRESS, () -> state(target).equals("done"));
      pauseRepairResume(source, target);
      assertThat(cli("backfill", "--table", "k_c", "--slot", slot, "--to", target.url()))
          .contains("backfill of public.k_c requested (request 2");
      Await.until("k_c backfilled again", PROGRESS, () -> state(target).equals("done"));
      assertThat(cli("backfill", "status", "--to", target.url()))
          .contains("backfill public.k_c (source bfk, request 2): done");
      writing.set(false);
      assertThat(writes).succeedsWithin(PROGRESS);
      Await.until("target equal to source", PROGRESS, () -> differences(source, target).isEmpty());
      assertThat(second.logTail()).contains("backfill public.k_c:");
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(first.logTail() + "\n" + second.logTail(), e);
    } finally {
      writing.set(false);
      first.kill();
      second.kill();
    }
    assertThat(rounds.get()).as("writes during the backfill").isPositive();
    assertThat(TableRows.deadLetters(target)).as("dead letters").isZero();
  }

  private static PipelineChild replicate(
      TestDatabase source, TestDatabase target, String slot, String tables, Path logs) {
    return new PipelineChild(
        "replicate-" + tables.replace(',', '-'),
        List.of(
            "replicate",
            "--from",
            source.url(),
            "--to",
            target.url(),
            "--tables",
            tables,
            "--slot",
            slot,
            "--publication",
            slot,
            "--status-interval",
            "1s",
            "--backfill-chunk",
            "500"),
        Map.of("POSTGRES_OUTPUT_BATCH_SIZE", "200", "POSTGRES_OUTPUT_FLUSH_INTERVAL", "50ms"),
        logs);
  }

  /** About 200 changes a second to both tables, some of them to rows not yet backfilled. */
  private static void write(TestDatabase source, AtomicBoolean writing, AtomicInteger rounds) {
    while (writing.get()) {
      int r = rounds.incrementAndGet();
      source.execute(
          "UPDATE k_c SET v = 'upd "
              + r
              + "', n = "
              + (r % 1000)
              + " WHERE id = "
              + (r * 37 % 20000 + 1),
          "DELETE FROM k_c WHERE id = " + (r * 101 % 20000 + 1),
          "INSERT INTO k_c VALUES (" + (100000 + r) + ", 'new', " + (r % 1000) + ")",
          "UPDATE k_a SET v = 'w" + r + "' WHERE id = " + (r % 100 + 1));
      try {
        Thread.sleep(10); // pacing the load, not waiting for anything
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A narrowing pauses k_c; the operator narrows the target too, resumes it. */
  private static void pauseRepairResume(TestDatabase source, TestDatabase target) {
    source.execute("ALTER TABLE k_c ALTER COLUMN n TYPE int2");
    Await.until(
        "k_c paused", PROGRESS, () -> cli("sink", "status", "--to", target.url()).contains("k_c"));
    target.execute("ALTER TABLE k_c ALTER COLUMN n TYPE int2");
    assertThat(cli("sink", "resume", "k_c", "--to", target.url())).contains("held changes applied");
  }

  private static long chunks(TestDatabase target) {
    return TableRows.exists(target, "pgpipe.sink_backfills")
        ? Long.parseLong(
            target.strings("SELECT coalesce(max(chunks), 0) FROM pgpipe.sink_backfills").get(0))
        : 0;
  }

  private static String state(TestDatabase target) {
    List<String> states =
        target.strings("SELECT state FROM pgpipe.sink_backfills WHERE table_name = 'public.k_c'");
    return states.isEmpty() ? "" : states.get(0);
  }

  private static void awaitCount(TestDatabase target, String table, long rows) {
    Await.until(
        table + " has " + rows + " rows",
        PROGRESS,
        () ->
            TableRows.exists(target, table)
                && target
                    .strings("SELECT count(*) FROM " + table)
                    .get(0)
                    .equals(String.valueOf(rows)));
  }

  private static List<String> differences(TestDatabase source, TestDatabase target) {
    List<String> found = new ArrayList<>();
    try (Database s = Database.builder().url(source.url()).maxSize(1).open();
        Database t = Database.builder().url(target.url()).maxSize(1).open()) {
      List<TableName> names = TABLES.stream().map(TableName::parse).toList();
      for (TableComparison c :
          ReplicaVerifier.create(s, t, VerifyOptions.defaults().withTables(names))
              .verify(x -> {})) {
        if (!c.differences().isEmpty()
            || c.sourceRows() != c.targetRows()
            || !c.problems().isEmpty()) {
          found.add(c.toString());
        }
      }
    }
    return found;
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine(new Environment(Map.of(), Path.of("target")));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return code + "\n" + out + err;
  }
}
