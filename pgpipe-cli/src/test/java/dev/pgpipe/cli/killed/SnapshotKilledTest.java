package dev.pgpipe.cli.killed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On every path, the process reading the source is killed with SIGKILL while its initial snapshot
 * is on its way, after the target (or the buffer) took some of it, with the source changing
 * meanwhile; started again, it takes the snapshot again from a new slot. Rows of the first attempt
 * that the source deleted before the second must not stay on the target, also when it deleted every
 * row and the second snapshot has none to send: in the end the target equals the source row by row,
 * with no dead letter.
 */
@WithPostgres
class SnapshotKilledTest {

  /** Enough rows that the snapshot is still being copied when its first rows arrive. */
  private static final int BULK_ROWS = 60_000;

  /** Batches that carry the snapshot in seconds (the kill tests' small ones straddle parts). */
  private static final Map<String, String> LARGE_BATCHES =
      Map.of("PGPIPE_BUFFER_BATCH_SIZE", "2000", "POSTGRES_OUTPUT_BATCH_SIZE", "2000");

  private static final Duration PROGRESS = Duration.ofSeconds(90);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** What the source does while its reader is down, before the snapshot is taken again. */
  enum Meanwhile {
    /** Goes on with the workload: the second snapshot has rows of every table. */
    CHANGES,
    /** Deletes every row: the second snapshot has no row at all, only empty-table marks. */
    EMPTIED
  }

  static Stream<Arguments> pathsAndMeanwhiles() {
    return Stream.of(PipelinePath.values())
        .flatMap(path -> Stream.of(Meanwhile.values()).map(m -> Arguments.of(path, m)));
  }

  @ParameterizedTest(name = "{0} killed mid-snapshot; meanwhile the source: {1}")
  @MethodSource("pathsAndMeanwhiles")
  void killedMidSnapshotEndsEqual(PipelinePath path, Meanwhile meanwhile) throws Exception {
    path.test(natsUrl -> run(path, natsUrl, meanwhile));
  }

  private static void run(PipelinePath path, String natsUrl, Meanwhile meanwhile) throws Exception {
    String slot = "snapkill_" + path.name().toLowerCase(java.util.Locale.ROOT);
    String name = slot + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    TestDatabase source = TestServer.get().createDatabase(name + "_source");
    TestDatabase target = TestServer.get().createDatabase(name + "_target");
    SplitWorkload.createTables(source, true);
    SplitWorkload.createTables(target, false);
    source.execute(
        "INSERT INTO ev SELECT g, 'bulk', 0 FROM generate_series(1000001, "
            + (1_000_000 + BULK_ROWS)
            + ") g");
    Path logs = Files.createDirectories(Path.of("target", "snapshot-killed", name));
    List<PipelineChild> children =
        path.children(source, target, slot, natsUrl, logs).stream()
            .map(c -> c.withArguments(c.arguments(), LARGE_BATCHES))
            .toList();
    PipelineChild reader = children.get(0);
    SplitWorkload workload = new SplitWorkload(source, 7, PipelinePath.PART_SIZE);
    workload.afterSnapshotRows();
    try {
      children.forEach(PipelineChild::ensureRunning);
      workload.run(12);
      Await.until("the first snapshot rows taken", PROGRESS, firstRowsTaken(path, source, target));
      reader.kill();
      restartAfter(meanwhile, source, slot, children, workload);
      Await.until(
          "target equal to source",
          PROGRESS,
          () -> TableRows.checksums(source).equals(TableRows.checksums(target)));
      assertThat(reader.log(2))
          .as("the second run took the snapshot again")
          .containsAnyOf("cut short", "initial snapshot was interrupted");
    } catch (AssertionError | RuntimeException e) {
      StringBuilder report = new StringBuilder(path + ": " + e.getMessage());
      for (String table : SplitWorkload.TABLES) {
        report.append('\n').append(table).append(": ");
        report.append(TableRows.difference(source, target, table));
      }
      children.forEach(c -> report.append('\n').append(c.logTail()));
      throw new AssertionError(report.toString(), e);
    } finally {
      for (PipelineChild child : children) {
        child.kill();
      }
      KilledPipelinesTest.dropSlot(source, slot);
    }
    for (String table : SplitWorkload.TABLES) {
      assertThat(TableRows.of(target, table)).as(table).isEqualTo(TableRows.of(source, table));
    }
    assertThat(TableRows.deadLetters(target)).as("dead letters").isZero();
  }

  /**
   * Has the source do {@code meanwhile} and starts the killed children again. The source emptied,
   * one row is inserted once the new slot is made, so that it is streamed after the second snapshot
   * (which has no rows) instead of being part of it.
   */
  private static void restartAfter(
      Meanwhile meanwhile,
      TestDatabase source,
      String slot,
      List<PipelineChild> children,
      SplitWorkload workload) {
    if (meanwhile == Meanwhile.CHANGES) {
      children.forEach(PipelineChild::ensureRunning);
      workload.run(24);
      return;
    }
    source.execute("DELETE FROM ev", "DELETE FROM acc");
    String emptied = source.strings("SELECT pg_current_wal_lsn()::text").get(0);
    children.forEach(PipelineChild::ensureRunning);
    Await.until(
        "a slot made after the deletes, for the snapshot taken again",
        PROGRESS,
        () ->
            !source
                .strings(
                    "SELECT 1 FROM pg_replication_slots WHERE slot_name = '"
                        + slot
                        + "' AND confirmed_flush_lsn >= '"
                        + emptied
                        + "'")
                .isEmpty());
    source.execute("INSERT INTO ev VALUES (1, 'streamed after the retake', 1)");
  }

  /** Some snapshot rows reached the target, or the buffer when the path has one. */
  private static BooleanSupplier firstRowsTaken(
      PipelinePath path, TestDatabase source, TestDatabase target) {
    return path == PipelinePath.BUFFER
        ? () ->
            TableRows.exists(source, "pgpipe.cdc_events")
                && !source.strings("SELECT 1 FROM pgpipe.cdc_events LIMIT 1").isEmpty()
        : () -> !new TargetLedger(target).state().isEmpty();
  }
}
