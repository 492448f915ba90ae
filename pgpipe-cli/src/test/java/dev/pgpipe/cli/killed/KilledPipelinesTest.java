package dev.pgpipe.cli.killed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every path (replicate; cdc into the buffer, then buffer process; cdc into JetStream, then sink)
 * carries a seeded workload of transactions that straddle the part size (1, size − 1, size, size +
 * 1, 2.5 × size), after a snapshot of existing rows, while its processes are killed with SIGKILL:
 * at random moments, and right after the target committed a transaction only in part. In the end
 * the target must equal the source row by row, with no dead letter (an event applied twice would
 * conflict). The seed is random unless {@code -Dpgpipe.seed=N} is given, and printed with every
 * failure; the same seed gives the same workload and the same choice of moments.
 */
@WithPostgres
class KilledPipelinesTest {

  private static final int ROUNDS = 6;
  private static final int TRANSACTIONS_PER_ROUND = 12;
  private static final Duration PROGRESS = Duration.ofSeconds(90);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @Test
  void replicateKilledAtRandomAndMidTransactionEndsEqual() throws Exception {
    run(PipelinePath.REPLICATE, "");
  }

  @Test
  void bufferFeedAndProcessKilledAtRandomAndMidTransactionEndEqual() throws Exception {
    run(PipelinePath.BUFFER, "");
  }

  @Test
  void jetStreamPublisherAndSinkKilledAtRandomAndMidTransactionEndEqual() throws Exception {
    PipelinePath.NATS.test(natsUrl -> run(PipelinePath.NATS, natsUrl));
  }

  private static void run(PipelinePath path, String natsUrl) throws Exception {
    long seed = Long.getLong("pgpipe.seed", System.nanoTime());
    String slot = "killed_" + path.name().toLowerCase(java.util.Locale.ROOT);
    String name = slot + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    TestDatabase source = TestServer.get().createDatabase(name + "_source");
    TestDatabase target = TestServer.get().createDatabase(name + "_target");
    SplitWorkload.createTables(source, true);
    SplitWorkload.createTables(target, false);
    Path logs = Files.createDirectories(Path.of("target", "killed", slot + "-" + seed));
    List<PipelineChild> children = path.children(source, target, slot, natsUrl, logs);
    Kills kills =
        new Kills(
            new Random(seed),
            new TargetLedger(target),
            children,
            () -> TableRows.checksums(source).equals(TableRows.checksums(target)));
    SplitWorkload workload =
        new SplitWorkload(source, seed, PipelinePath.PART_SIZE).afterSnapshotRows();
    String context = path + " seed " + seed + " (rerun with -Dpgpipe.seed=" + seed + ")";
    try {
      for (int round = 0; round < ROUNDS; round++) {
        children.forEach(PipelineChild::ensureRunning);
        CompletableFuture<Void> chunk =
            CompletableFuture.runAsync(() -> workload.run(TRANSACTIONS_PER_ROUND));
        kills.oneDuring(round, chunk, workload::committed, TRANSACTIONS_PER_ROUND, context);
        chunk.get();
      }
      children.forEach(PipelineChild::ensureRunning);
      Await.until(
          "target equal to source, " + context,
          PROGRESS,
          () -> TableRows.checksums(source).equals(TableRows.checksums(target)));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(report(context, kills, workload, source, target, children), e);
    } finally {
      for (PipelineChild child : children) {
        child.kill();
      }
      dropSlot(source, slot);
    }
    for (String table : SplitWorkload.TABLES) {
      assertThat(TableRows.of(target, table))
          .as(table + ", " + context)
          .isEqualTo(TableRows.of(source, table));
    }
    assertThat(TableRows.deadLetters(target)).as("dead letters, " + context).isZero();
    assertThat(kills.done()).as(context).hasSize(ROUNDS);
    System.out.println(context + ": " + workload.sizes() + "; kills " + kills.done());
  }

  /** Drops the slot once the killed processes' walsenders let go of it. */
  static void dropSlot(TestDatabase source, String slot) {
    String active =
        "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active";
    Await.until(
        "slot " + slot + " released", PROGRESS, () -> source.strings(active).get(0).equals("0"));
    source.execute(
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name = '"
            + slot
            + "'");
  }

  private static String report(
      String context,
      Kills kills,
      SplitWorkload workload,
      TestDatabase source,
      TestDatabase target,
      List<PipelineChild> children) {
    List<String> lines = new ArrayList<>();
    lines.add(context);
    lines.add("transaction sizes: " + workload.sizes());
    lines.add("kills: " + kills.done());
    for (String table : SplitWorkload.TABLES) {
      lines.add(table + ": " + TableRows.difference(source, target, table));
    }
    children.forEach(c -> lines.add(c.logTail()));
    return String.join("\n", lines);
  }
}
