package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.EmptyTableMark;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe cdc} end to end on the test server: lines out, slot confirmed, flags and vars. */
@WithPostgres
class CdcCommandTest {

  static final String SLOTS_HERE =
      "SELECT slot_name FROM pg_replication_slots WHERE database = current_database()";

  private final EnvelopeCodec codec = new EnvelopeCodec();

  @TempDir Path home;

  private CliRun cdc(TestDatabase db, String... args) {
    List<String> all = new ArrayList<>(List.of("cdc", "--url", db.url()));
    all.addAll(List.of(args));
    return CliRun.run(Map.of(), home, all.toArray(String[]::new));
  }

  @Test
  void cdc_printsOneTransactionPerLine_confirmsIt_andDoesNotRepeatItOnTheNextRun(TestDatabase db) {
    db.execute("CREATE TABLE orders (id int PRIMARY KEY, note text)");
    String[] flags = {"--slot", "lines", "--publication", "lines", "--snapshot", "never"};
    CliRun setup = cdc(db, with(flags, "--idle-exit", "1s"));
    assertThat(setup.exitCode()).as(setup.err()).isZero();
    assertThat(setup.out()).isEmpty();
    db.execute(
        "BEGIN; INSERT INTO orders VALUES (1, 'a'), (2, 'b'); COMMIT",
        "UPDATE orders SET note = 'c' WHERE id = 2");

    CliRun run = cdc(db, with(flags, "--max-transactions", "2"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Transaction> lines = run.out().lines().map(codec::decodeTransaction).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).events())
        .extracting(e -> e.operation(), e -> e.after() == null ? null : e.after().get("id"))
        .containsExactly(tuple(Operation.INSERT, 1), tuple(Operation.INSERT, 2));
    ChangeEvent update = lines.get(1).events().get(0);
    assertThat(update.operation()).isEqualTo(Operation.UPDATE);
    assertThat(update.after()).containsEntry("note", "c");
    assertThat(confirmedFlush(db, "lines")).isGreaterThanOrEqualTo(lines.get(1).endLsn());
    assertThat(run.err()).contains("stopped (max-transactions) after 2 lines, 2 transactions");

    CliRun again = cdc(db, with(flags, "--idle-exit", "1s"));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).as("acknowledged transactions are not delivered again").isEmpty();
  }

  @Test
  void cdc_perEvent_withTablesAndOps_printsOnlyThoseEvents_andTheWholeSnapshot(TestDatabase db) {
    db.execute(
        "CREATE TABLE kept (id int PRIMARY KEY, v int)",
        "CREATE TABLE other (id int PRIMARY KEY, v int)");
    String[] flags = {
      "--slot",
      "filtered",
      "--publication",
      "filtered",
      "--tables",
      "kept",
      "--ops",
      "insert,delete",
      "--per-event"
    };
    List<ChangeEvent> snapshot =
        cdc(db, with(flags, "--idle-exit", "1s")).out().lines().map(codec::decodeEvent).toList();
    assertThat(snapshot)
        .as("the snapshot comes whole, whatever --ops keeps: the mark of the empty table")
        .extracting(e -> EmptyTableMark.of(e).orElseThrow())
        .containsExactly(new EmptyTableMark("public", "kept"));
    db.execute(
        "INSERT INTO other VALUES (1, 1)",
        "INSERT INTO kept VALUES (1, 1), (2, 2)",
        "UPDATE kept SET v = 3 WHERE id = 1",
        "DELETE FROM kept WHERE id = 2",
        "INSERT INTO kept VALUES (9, 9)");

    CliRun run = cdc(db, with(flags, "--max-transactions", "3"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<ChangeEvent> events = run.out().lines().map(codec::decodeEvent).toList();
    assertThat(events)
        .extracting(ChangeEvent::operation, ChangeEvent::source, CdcCommandTest::id)
        .containsExactly(
            tuple(Operation.INSERT, "public.kept", 1),
            tuple(Operation.INSERT, "public.kept", 2),
            tuple(Operation.DELETE, "public.kept", 2),
            tuple(Operation.INSERT, "public.kept", 9));
    assertThat(run.out()).contains("\"format\":\"pgpipe.cdc.event/1\"");
  }

  @Test
  void cdc_readsPostgresInputVariables_andFlagsOverrideThem(TestDatabase db) {
    db.execute(
        "CREATE TABLE snap (id int PRIMARY KEY, name text)",
        "INSERT INTO snap VALUES (1, 'x'), (2, 'y'), (3, 'z')");
    Map<String, String> variables =
        Map.of(
            "POSTGRES_INPUT_HOST", db.host(),
            "POSTGRES_INPUT_PORT", String.valueOf(db.port()),
            "POSTGRES_INPUT_USER", db.user(),
            "POSTGRES_INPUT_PASSWORD", db.password(),
            "POSTGRES_INPUT_DATABASE", db.name(),
            "POSTGRES_INPUT_REPLICATION_SLOT", "env_slot",
            "POSTGRES_INPUT_PUBLICATION", "env_pub",
            "POSTGRES_INPUT_TABLES", "snap");

    CliRun run =
        CliRun.run(
            variables,
            home,
            "cdc",
            "--slot",
            "flag_slot",
            "--snapshot",
            "initial",
            "--per-event",
            "--max-transactions",
            "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().map(codec::decodeEvent))
        .extracting(e -> e.operation(), e -> e.after() == null ? null : e.after().get("name"))
        .containsExactlyInAnyOrder(
            tuple(Operation.SNAPSHOT, "x"),
            tuple(Operation.SNAPSHOT, "y"),
            tuple(Operation.SNAPSHOT, "z"));
    assertThat(db.strings(SLOTS_HERE)).contains("flag_slot").doesNotContain("env_slot");
    assertThat(db.strings("SELECT tablename FROM pg_publication_tables WHERE pubname = 'env_pub'"))
        .containsExactly("snap");
    assertThat(run.err()).doesNotContain(db.password().isEmpty() ? "\u0000" : db.password());
  }

  @Test
  void cdc_rejectsAnUnknownSinkAndOperation_withTheValueInTheMessage(TestDatabase db) {
    CliRun sink = cdc(db, "--to", "kafka");
    assertThat(sink.exitCode()).isEqualTo(2);
    assertThat(sink.err()).contains("--to", "'kafka'");

    CliRun op = cdc(db, "--ops", "insert,upsert", "--snapshot", "never");
    assertThat(op.exitCode()).isEqualTo(1);
    assertThat(op.err()).contains("pgpipe cdc: ", "unknown operation 'upsert'");
    assertThat(db.strings(SLOTS_HERE)).doesNotContain("pgpipe");
  }

  private static String[] with(String[] flags, String... more) {
    List<String> all = new ArrayList<>(List.of(flags));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static @Nullable Object id(ChangeEvent event) {
    Map<String, @Nullable Object> row = event.after() != null ? event.after() : event.before();
    return row == null ? null : row.get("id");
  }

  static long confirmedFlush(TestDatabase db, String slot) {
    List<String> lsn =
        db.strings(
            "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '"
                + slot
                + "'");
    assertThat(lsn).as("slot " + slot).hasSize(1);
    return Lsn.parse(lsn.get(0));
  }
}
