package dev.pgpipe.cli.killed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ddl.DdlCapture;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.Main;
import dev.pgpipe.client.ConnectionSettings;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every path into an empty target follows the source's schema while its target writer is killed
 * with SIGKILL: the snapshot creates the tables; then columns are added (with and without a
 * default), widened and dropped, a table is created, and (DDL capture being installed) a column and
 * a table are renamed while the writer is down; a narrowing pauses its table alone, {@code sink
 * status} shows it, {@code sink resume} applies its held changes. In the end every table equals the
 * source row by row on the source's columns, with no dead letter.
 */
@WithPostgres
class SchemaPipelinesTest {

  private static final Duration PROGRESS = Duration.ofSeconds(90);
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final List<String> TABLES =
      List.of("public.s_items", "public.s_nar", "public.s_renamed", "\"Odd\".\"Mixed Case\"");

  @Test
  void replicateFollowsTheSchemaAcrossAKill() throws Exception {
    run(PipelinePath.REPLICATE, "");
  }

  @Test
  void bufferPathFollowsTheSchemaAcrossAKill() throws Exception {
    run(PipelinePath.BUFFER, "");
  }

  @Test
  void natsPathFollowsTheSchemaAcrossAKill() throws Exception {
    PipelinePath.NATS.test(natsUrl -> run(PipelinePath.NATS, natsUrl));
  }

  private static void run(PipelinePath path, String natsUrl) throws Exception {
    String slot = "schema_" + path.name().toLowerCase(java.util.Locale.ROOT);
    String name = slot + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    TestDatabase source = TestServer.get().createDatabase(name + "_source");
    TestDatabase target = TestServer.get().createDatabase(name + "_target");
    createSource(source, slot);
    Path logs = Files.createDirectories(Path.of("target", "schema", name));
    List<PipelineChild> children = children(path, source, target, slot, natsUrl, logs);
    PipelineChild writer = children.get(children.size() - 1);
    try {
      children.forEach(PipelineChild::ensureRunning);
      schemaChanges(source, target, writer);
    } catch (AssertionError | RuntimeException e) {
      List<String> tails = new ArrayList<>();
      children.forEach(c -> tails.add(c.logTail()));
      throw new AssertionError(path + "\n" + String.join("\n", tails), e);
    } finally {
      for (PipelineChild child : children) {
        child.kill();
      }
    }
    assertThat(TableRows.deadLetters(target)).as("dead letters").isZero();
    assertThat(target.strings("SELECT count(*) FROM s_items WHERE flag = 'old rows'"))
        .isEqualTo(source.strings("SELECT count(*) FROM s_items WHERE flag = 'old rows'"));
    assertThat(cli(target, "sink", "status")).contains("no paused tables");
    assertThat(TableRows.exists(target, "s_new")).as("renamed, not copied").isFalse();
    assertThat(
            target.strings(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = 's_items'::regclass"
                    + " AND attname = 'plain'"))
        .as("the column was renamed on the target, not kept beside a new one")
        .containsExactly("0");
  }

  private static void createSource(TestDatabase source, String slot) {
    source.execute(
        "CREATE TABLE s_items (id int8 PRIMARY KEY, qty int2, name varchar(10),"
            + " gone text NOT NULL DEFAULT 'g')",
        "CREATE TABLE s_nar (id int4 PRIMARY KEY, v int8)",
        "CREATE SCHEMA \"Odd\"",
        "CREATE TABLE \"Odd\".\"Mixed Case\" (\"Key\" text PRIMARY KEY, \"Val\" numeric(8,2))",
        "INSERT INTO s_items SELECT g, g, 'n' || g, 'x' FROM generate_series(1, 300) g",
        "INSERT INTO s_nar SELECT g, g FROM generate_series(1, 20) g",
        "INSERT INTO \"Odd\".\"Mixed Case\" VALUES ('a', 1.5)",
        // new tables of these schemas join by themselves; pgpipe's buffer (schema pgpipe) not
        "CREATE PUBLICATION " + slot + " FOR TABLES IN SCHEMA public, \"Odd\"");
    DdlCapture.install(ConnectionSettings.parse(source.url()));
  }

  /** The workload: each kind of schema change, a kill of the writer, a pause and its resume. */
  private static void schemaChanges(TestDatabase source, TestDatabase target, PipelineChild writer)
      throws InterruptedException {
    awaitRows(target, "s_items", 300);
    source.execute(
        "BEGIN; INSERT INTO s_items VALUES (301, 1, 'a', 'y');"
            + " ALTER TABLE s_items ADD COLUMN plain text;"
            + " INSERT INTO s_items VALUES (302, 2, 'b', 'y', 'p'); COMMIT",
        "ALTER TABLE s_items ADD COLUMN flag text DEFAULT 'old rows'",
        "INSERT INTO s_items (id, qty, name) VALUES (303, 3, 'c')");
    awaitRows(target, "s_items", 303);
    writer.kill();
    source.execute(
        "ALTER TABLE s_items ALTER COLUMN qty TYPE int8, ALTER COLUMN name TYPE varchar(50)",
        "INSERT INTO s_items (id, qty, name) VALUES (304, 9000000000, repeat('w', 50))",
        "ALTER TABLE s_items DROP COLUMN gone",
        "INSERT INTO s_items (id) VALUES (305)",
        "CREATE TABLE s_new (k text PRIMARY KEY, v numeric)",
        "INSERT INTO s_new VALUES ('a', 1), ('b', 2)",
        "BEGIN; UPDATE s_items SET plain = 'before rename' WHERE id = 301;"
            + " ALTER TABLE s_items RENAME COLUMN plain TO \"Plain Renamed\";"
            + " UPDATE s_items SET \"Plain Renamed\" = 'after rename' WHERE id = 302; COMMIT",
        "ALTER TABLE s_new RENAME TO s_renamed",
        "INSERT INTO s_renamed VALUES ('c', 3)",
        "INSERT INTO s_nar VALUES (21, 21)");
    writer.ensureRunning();
    awaitRows(target, "s_nar", 21);
    source.execute(
        "ALTER TABLE s_nar ALTER COLUMN v TYPE int4",
        "INSERT INTO s_nar VALUES (22, 22)",
        "UPDATE s_nar SET v = -1 WHERE id = 1",
        "UPDATE s_items SET \"Plain Renamed\" = 'after pause' WHERE id <= 5",
        "INSERT INTO \"Odd\".\"Mixed Case\" VALUES ('b', 2.5)");
    awaitRows(target, "\"Odd\".\"Mixed Case\"", 2);
    Await.until("s_nar paused", PROGRESS, () -> cli(target, "sink", "status").contains("s_nar"));
    String status = cli(target, "sink", "status");
    assertThat(status)
        .contains("paused public.s_nar", "2 changes held", "column v", "narrowed")
        .contains("pgpipe sink resume public.s_nar");
    target.execute("ALTER TABLE s_nar ALTER COLUMN v TYPE int4");
    assertThat(cli(target, "sink", "resume", "s_nar")).contains("2 held changes applied");
    source.execute("INSERT INTO s_nar VALUES (23, 23)");
    awaitRows(target, "s_nar", 23);
    awaitSame(source, target);
  }

  private static List<PipelineChild> children(
      PipelinePath path,
      TestDatabase source,
      TestDatabase target,
      String slot,
      String natsUrl,
      Path logs) {
    List<PipelineChild> all = new ArrayList<>();
    for (PipelineChild child : path.children(source, target, slot, natsUrl, logs)) {
      List<String> arguments = new ArrayList<>(child.arguments());
      int tables = arguments.indexOf("--tables");
      if (tables >= 0) {
        arguments.remove(tables + 1);
        arguments.remove(tables);
      }
      // without --tables the buffer lives in the target, so that it is not published itself
      if (child.name().equals("cdc-to-buffer")) {
        arguments.addAll(List.of("--buffer-url", target.url()));
      }
      if (child.name().equals("buffer-process")) {
        arguments.set(arguments.indexOf("--url") + 1, target.url());
      }
      all.add(child.withArguments(arguments, Map.of("POSTGRES_OUTPUT_BATCH_SIZE", "25")));
    }
    return all;
  }

  private static void awaitRows(TestDatabase target, String table, long rows) {
    Await.until(
        table + " has " + rows + " rows",
        PROGRESS,
        () ->
            TableRows.exists(target, table)
                && Long.parseLong(target.strings("SELECT count(*) FROM " + table).get(0)) == rows);
  }

  /** Row by row on the source's columns: no row differs, and no source column is missing. */
  private static void awaitSame(TestDatabase source, TestDatabase target) {
    Await.until(
        "target equal to source on the source's columns",
        PROGRESS,
        () -> differences(source, target).isEmpty());
  }

  private static List<String> differences(TestDatabase source, TestDatabase target) {
    List<String> found = new ArrayList<>();
    try (Database s = Database.builder().url(source.url()).maxSize(1).open();
        Database t = Database.builder().url(target.url()).maxSize(1).open()) {
      List<TableName> names = TABLES.stream().map(TableName::parse).toList();
      for (TableComparison c :
          ReplicaVerifier.create(s, t, VerifyOptions.defaults().withTables(names))
              .verify(x -> {})) {
        boolean onlyKeptColumns = c.problems().stream().allMatch(p -> p.contains("only in the"));
        if (!c.differences().isEmpty() || c.sourceRows() != c.targetRows() || !onlyKeptColumns) {
          found.add(c.toString());
        }
      }
    }
    return found;
  }

  private static String cli(TestDatabase target, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--to", target.url()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine(new Environment(Map.of(), Path.of("target")));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(all.toArray(String[]::new));
    return code + "\n" + out + err;
  }
}
