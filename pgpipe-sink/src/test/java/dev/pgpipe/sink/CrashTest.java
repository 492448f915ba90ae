package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 the replicating process at seeded random moments, ten times, while a 50k-operation mixed
 * workload runs on the source, one transaction in ten larger than the part size (size − 1, size,
 * size + 1 or 2.5 × size, so it reaches the sink in parts); restart it each time; the target must
 * end equal to the source row by row, with no duplicate (the sink runs with the {@code insert}
 * strategy: a replayed insert would conflict and land in the dead-letter table).
 */
@WithPostgres
class CrashTest {

  private static final int KILLS = 10;
  private static final int OPERATIONS = 50_000;
  private static final long SEED = 20240507L;

  /** Events per part in the child: one transaction in ten straddles it. */
  static final int PART_SIZE = 50;

  @Test
  void killedTenTimesTheReplicaStillEqualsTheSourceExactlyOnce(TestDatabase source)
      throws Exception {
    TestDatabase target = Pair.target("crash");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE acct (id int PRIMARY KEY, balance int NOT NULL, note text)");
    }
    source.execute("INSERT INTO acct SELECT g, 0, 'initial' FROM generate_series(1, 20000) g");
    Random random = new Random(SEED);
    AtomicInteger done = new AtomicInteger();
    Workload workload = new Workload(source, new Random(SEED + 1), done);
    int perRound = OPERATIONS / KILLS;
    List<String> kills = new ArrayList<>();
    for (int round = 0; round < KILLS; round++) {
      File log = new File("target/crash-child-" + round + ".log");
      Process child = start(source, target, log);
      Await.until("child " + round + " replicating", Duration.ofSeconds(60), () -> started(log));
      String before = ledger(target);
      int end = perRound * (round + 1);
      CompletableFuture<Void> chunk = CompletableFuture.runAsync(() -> workload.runUntil(end));
      int moment = end - perRound + random.nextInt(perRound);
      Await.until(
          "operation " + moment + " and a commit of child " + round,
          Duration.ofSeconds(60),
          () -> done.get() >= moment && !ledger(target).equals(before));
      child.destroyForcibly();
      assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      kills.add("op " + done.get() + " ledger " + ledger(target));
      chunk.get();
    }
    assertThat(done.get()).isEqualTo(OPERATIONS);
    Process last = start(source, target, new File("target/crash-child-last.log"));
    try {
      Await.until(
          "target equals source after " + kills,
          Duration.ofSeconds(60),
          () -> Pair.checksum(source, "acct").equals(Pair.checksum(target, "acct")));
    } catch (AssertionError e) {
      System.out.println(
          "source " + Pair.checksum(source, "acct") + " target " + Pair.checksum(target, "acct"));
      System.out.println("missing/extra: " + diff(rows(source), rows(target)));
      throw e;
    } finally {
      last.destroyForcibly();
      last.waitFor();
    }
    assertThat(rows(target)).isEqualTo(rows(source));
    assertThat(Pair.text(target, "SELECT count(*) FROM pgpipe.sink_dead_letters")).isEqualTo("0");
    assertThat(kills).hasSize(KILLS);
    System.out.println("kills: " + kills);
    source.execute("SELECT pg_drop_replication_slot('crash')");
  }

  private static String diff(String a, String b) {
    java.util.Set<String> left = new java.util.TreeSet<>(List.of(a.split(";")));
    java.util.Set<String> right = new java.util.TreeSet<>(List.of(b.split(";")));
    java.util.Set<String> onlyLeft = new java.util.TreeSet<>(left);
    onlyLeft.removeAll(right);
    right.removeAll(left);
    return "only in source "
        + onlyLeft.stream().limit(20).toList()
        + " ("
        + onlyLeft.size()
        + "), only in target "
        + right.stream().limit(20).toList()
        + " ("
        + right.size()
        + ")";
  }

  private static String rows(TestDatabase db) {
    return Pair.text(db, "SELECT string_agg(t::text, ';' ORDER BY id) FROM acct t");
  }

  private static boolean started(File log) {
    try {
      return java.nio.file.Files.readString(log.toPath()).contains("replicating");
    } catch (IOException e) {
      return false;
    }
  }

  private static String ledger(TestDatabase target) {
    return Pair.text(
        target,
        "SELECT coalesce((SELECT commit_lsn || '/' || event_index || '/' || snapshot_done"
            + " FROM pgpipe.sink_ledger), 'none')");
  }

  private static Process start(TestDatabase source, TestDatabase target, File log)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            CrashChild.class.getName(),
            source.url(),
            target.url())
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
  }

  /**
   * Seeded inserts, updates and deletes in transactions of 1-20 operations, and one in ten of
   * {@link #PART_SIZE} − 1, {@link #PART_SIZE}, {@link #PART_SIZE} + 1 or 2.5 × {@link #PART_SIZE}.
   * An update or delete of a missing row changes nothing, so these are upper bounds.
   */
  private static final class Workload {
    private final TestDatabase db;
    private final Random random;
    private final AtomicInteger done;
    private int nextId = 20001;

    Workload(TestDatabase db, Random random, AtomicInteger done) {
      this.db = db;
      this.random = random;
      this.done = done;
    }

    void runUntil(int end) {
      try (Connection c = db.connect()) {
        c.setAutoCommit(false);
        while (done.get() < end) {
          int size = Math.min(size(), end - done.get());
          for (int i = 0; i < size; i++) {
            operation(c);
          }
          c.commit();
          done.addAndGet(size);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    private int size() {
      if (random.nextInt(10) > 0) {
        return 1 + random.nextInt(20);
      }
      int[] large = {PART_SIZE - 1, PART_SIZE, PART_SIZE + 1, PART_SIZE * 5 / 2};
      return large[random.nextInt(large.length)];
    }

    private void operation(Connection c) throws SQLException {
      int kind = random.nextInt(10);
      int id = 1 + random.nextInt(nextId - 1);
      String sql =
          kind < 4
              ? "INSERT INTO acct VALUES (?, ?, 'new') ON CONFLICT (id) DO NOTHING"
              : kind < 8
                  ? "UPDATE acct SET balance = balance + ?, note = 'upd' WHERE id = ?"
                  : "DELETE FROM acct WHERE id = ? AND ? IS NOT NULL";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        if (kind < 4) {
          s.setInt(1, nextId++);
          s.setInt(2, random.nextInt(1000));
        } else {
          s.setInt(1, kind < 8 ? random.nextInt(100) - 50 : id);
          s.setInt(2, kind < 8 ? id : 0);
        }
        s.executeUpdate();
      }
    }
  }
}
