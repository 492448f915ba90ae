package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe sink --from nats://...} against a real nats-server and the test PostgreSQL. */
@WithPostgres
class SinkCommandTest {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** The source database is shared by the class: each test has its own table. */
  private static String create(String table) {
    return "CREATE TABLE " + table + " (id int PRIMARY KEY, v text, n numeric)";
  }

  /** Three transactions: 50 inserts; 10 updates and 10 deletes; one insert. 71 events. */
  private static String[] changes(String table) {
    return new String[] {
      "INSERT INTO " + table + " SELECT g, 'v' || g, g / 4.0 FROM generate_series(1, 50) g",
      "BEGIN; UPDATE "
          + table
          + " SET v = 'changed' WHERE id <= 10;"
          + " DELETE FROM "
          + table
          + " WHERE id > 40; COMMIT",
      "INSERT INTO " + table + " VALUES (100, NULL, NULL)"
    };
  }

  @TempDir Path home;

  private static TestDatabase target(String table) {
    TestDatabase db =
        TestServer.get()
            .createDatabase(
                "sinkcmd_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
    db.execute(create(table));
    return db;
  }

  private CliRun sink(String natsUrl, TestDatabase target, String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of("sink", "--from", natsUrl, "--to", target.url(), "--source", "src"));
    args.addAll(List.of(flags));
    return CliRun.run(Map.of(), home, args.toArray(String[]::new));
  }

  @Test
  void sink_appliesPublishedTransactions_untilIdle_andNothingTwiceOnTheNextRun(
      TestDatabase source) {
    source.execute(create("items_all"));
    TestDatabase target = target("items_all");
    try (NatsServer nats = NatsServer.start()) {
      NatsPublishing.publish(
          source, nats.url(), "sinkall", () -> source.execute(changes("items_all")), 3);

      CliRun run = sink(nats.url(), target, "--idle-exit", "1s", "--status-interval", "200ms");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(NatsPublishing.checksum(target, "items_all"))
          .isEqualTo(NatsPublishing.checksum(source, "items_all"));
      assertThat(run.err())
          .contains("pgpipe.src.> (stream PGPIPE) as pgpipe-sink")
          .contains("stopped (idle) after 3 transactions, 71 events in 3 messages");
      CliRun again = sink(nats.url(), target, "--idle-exit", "1s");
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.err()).contains("stopped (idle) after 0 transactions, 0 events");
    }
  }

  @Test
  void sink_maxTransactions_stopsAfterThem_andTheNextRunAppliesTheRest(TestDatabase source) {
    source.execute(create("items_max"));
    TestDatabase target = target("items_max");
    try (NatsServer nats = NatsServer.start()) {
      NatsPublishing.publish(
          source, nats.url(), "sinkmax", () -> source.execute(changes("items_max")), 3);

      CliRun first = sink(nats.url(), target, "--consumer", "c1", "--max-transactions", "2");
      CliRun rest = sink(nats.url(), target, "--consumer", "c1", "--idle-exit", "1s");

      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.err()).contains("stopped (max-transactions) after 2 transactions");
      assertThat(rest.exitCode()).as(rest.err()).isZero();
      assertThat(rest.err()).contains("stopped (idle) after 1 transactions");
      assertThat(NatsPublishing.checksum(target, "items_max"))
          .isEqualTo(NatsPublishing.checksum(source, "items_max"));
    }
  }

  @Test
  void sink_neverShowsThePasswordOfItsNatsUrl() {
    TestDatabase target = target("items_secret");
    try (NatsServer nats = NatsServer.start()) {
      String withSecret = nats.url().replace("nats://", "nats://bob:hunter2-secret@");

      CliRun run = sink(withSecret, target, "--idle-exit", "1s");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("nats://bob:***@127.0.0.1").doesNotContain("hunter2-secret");
    }
  }

  @Test
  void sink_withoutServerOrTarget_orWithAnotherScheme_isAUsageError() {
    CliRun noServer = CliRun.run(Map.of(), home, "sink", "--to", "postgres://h/db");
    CliRun noTarget = CliRun.run(Map.of("NATS_URL", "nats://127.0.0.1:1"), home, "sink");
    CliRun http =
        CliRun.run(Map.of(), home, "sink", "--from", "http://h:4222", "--to", "postgres://h/db");

    assertThat(noServer.exitCode()).isEqualTo(2);
    assertThat(noServer.err()).contains("name the NATS server: --from nats://...");
    assertThat(noTarget.exitCode()).isEqualTo(2);
    assertThat(noTarget.err()).contains("name the target: --to URL");
    assertThat(http.exitCode()).isEqualTo(2);
    assertThat(http.err()).contains("a NATS URL like nats://host:4222, not 'http://h:4222'");
  }
}
