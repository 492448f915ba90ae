package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe replicate} and {@code pgpipe demo}'s replication, on two test databases. */
@WithPostgres
class ReplicateCommandTest {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String TABLE =
      "CREATE TABLE items (id int8 PRIMARY KEY, name text, amount numeric(12,2), tags text[])";

  @TempDir Path home;

  static TestDatabase target(String prefix) {
    return TestServer.get()
        .createDatabase(
            prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
  }

  static String checksum(TestDatabase db, String table) {
    return db.strings(
            "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::int8), 0) FROM "
                + table
                + " t")
        .get(0);
  }

  private CliRun replicate(TestDatabase source, TestDatabase target, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replicate",
                "--from",
                source.url(),
                "--to",
                target.url(),
                "--tables",
                "items",
                "--slot",
                "rep_cli",
                "--publication",
                "rep_cli",
                "--flush-interval",
                "200ms",
                "--status-interval",
                "200ms",
                "--idle-exit",
                "2s"));
    args.addAll(List.of(more));
    return CliRun.run(Map.of(), home, args.toArray(String[]::new));
  }

  @Test
  void replicate_snapshotsThenStreams_targetEqualsSource_andConfirmedChangesAreNotAppliedAgain(
      TestDatabase source) {
    TestDatabase target = target("rep_cli");
    for (TestDatabase db : List.of(source, target)) {
      db.execute(TABLE);
    }
    source.execute(
        "INSERT INTO items SELECT g, 'n' || g, g * 1.5, ARRAY['a', 'b'] FROM"
            + " generate_series(1, 2000) g");

    CliRun snapshot = replicate(source, target);

    assertThat(snapshot.exitCode()).as(snapshot.err()).isZero();
    assertThat(checksum(target, "items")).isEqualTo(checksum(source, "items"));
    assertThat(snapshot.err())
        .contains("rows applied in", "rows/s, lag", "stopped (idle) after")
        .contains("0 dead letters");
    source.execute(
        "BEGIN; UPDATE items SET name = 'upd' WHERE id < 100; DELETE FROM items WHERE id > 1900;"
            + " INSERT INTO items VALUES (5000, E'quote\"; drop table items; --', -1, '{}'); COMMIT",
        "UPDATE items SET amount = 0 WHERE id = 7");

    CliRun stream = replicate(source, target);

    assertThat(stream.exitCode()).as(stream.err()).isZero();
    assertThat(checksum(target, "items")).isEqualTo(checksum(source, "items"));
    assertThat(stream.err()).contains("after 2 transactions", "0 dead letters");
    CliRun again = replicate(source, target);
    assertThat(again.err())
        .as("confirmed changes are not delivered again")
        .contains("after 0 transactions");
    source.execute("SELECT pg_drop_replication_slot('rep_cli')");
  }

  @Test
  void replicate_withoutTarget_isAUsageError_andTheStrategyIsChecked(TestDatabase source) {
    CliRun noTarget = CliRun.run(Map.of(), home, "replicate", "--from", source.url());
    assertThat(noTarget.exitCode()).isEqualTo(2);
    assertThat(noTarget.err()).contains("--to URL");

    CliRun badStrategy =
        CliRun.run(
            Map.of(),
            home,
            "replicate",
            "--from",
            source.url(),
            "--to",
            source.url(),
            "--conflict-strategy",
            "merge");
    assertThat(badStrategy.exitCode()).isEqualTo(1);
    assertThat(badStrategy.err()).contains("merge");
  }

  @Test
  void demo_replicatesATableUnderWritesIntoASecondDatabase_andChecksIt(TestDatabase db) {
    CliRun run =
        CliRun.run(
            Map.of(),
            home,
            "demo",
            "--url",
            db.url(),
            "--records",
            "1000",
            "--rows",
            "1000",
            "--replicate-seconds",
            "2",
            "--replicate-rate",
            "2000");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("created database " + db.name() + "_replica")
        .contains("metrics while it runs: curl -s http://127.0.0.1:")
        .contains("rows written, ", "rows/s, lag")
        .contains("now pgpipe verify:")
        .contains("rows applied by the metrics: curl -s http://127.0.0.1:")
        .containsPattern("ok +public\\.pgpipe_demo_orders +[0-9,]+ rows")
        .contains("pgpipe verify --from postgres://", "_replica --tables pgpipe_demo_orders")
        .contains("look at the replica (the server up): pgpipe sql --url postgres://")
        .contains("_replica \"SELECT count(*) FROM pgpipe_demo_orders\"")
        .contains("demo done in");
    Matcher replicated = Pattern.compile("replicated ([0-9,]+) changes").matcher(run.out());
    Matcher scraped =
        Pattern.compile("pgpipe_sink_rows_applied_total gives ([0-9,]+)").matcher(run.out());
    assertThat(replicated.find() && scraped.find()).as(run.out()).isTrue();
    long changes = Long.parseLong(replicated.group(1).replace(",", ""));
    assertThat(Long.parseLong(scraped.group(1).replace(",", "")))
        .as("the served row counter: every change but the snapshot's end mark (a message)")
        .isEqualTo(changes - 1);
    assertThat(db.strings(CdcCommandTest.SLOTS_HERE))
        .as("the demo's slot is dropped")
        .doesNotContain("pgpipe_demo");
  }
}
