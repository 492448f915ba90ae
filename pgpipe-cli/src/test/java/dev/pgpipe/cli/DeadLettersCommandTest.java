package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pgpipe deadletters}: rows a target's CHECK refused during {@code replicate} are listed,
 * shown, replayed once the constraint is fixed, and discarded.
 */
@WithPostgres
class DeadLettersCommandTest {

  @TempDir Path home;

  private CliRun replicate(TestDatabase source, TestDatabase target) {
    return CliRun.run(
        Map.of(),
        home,
        "replicate",
        "--from",
        source.url(),
        "--to",
        target.url(),
        "--tables",
        "items",
        "--slot",
        "dl_cli",
        "--publication",
        "dl_cli",
        "--flush-interval",
        "200ms",
        "--idle-exit",
        "2s");
  }

  private CliRun letters(TestDatabase target, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "deadletters";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--url";
    all[args.length + 2] = target.url();
    return CliRun.run(Map.of(), home, all);
  }

  @Test
  void refusedRowsAreListedShownAndReplayedOnceAfterTheTargetIsFixed(TestDatabase source)
      throws Exception {
    TestDatabase target = ReplicateCommandTest.target("dl_cli");
    source.execute(
        "DROP TABLE IF EXISTS items", "CREATE TABLE items (id int PRIMARY KEY, v text, n int)");
    target.execute(
        "CREATE TABLE items (id int PRIMARY KEY, v text, n int CONSTRAINT n_small CHECK (n < 100))");
    source.execute("INSERT INTO items SELECT g, 'v' || g, g FROM generate_series(1, 10) g");
    assertThat(replicate(source, target).exitCode()).isZero();
    source.execute(
        "INSERT INTO items VALUES (20, 'big', 200), (21, 'ok', 21)",
        "INSERT INTO items VALUES (22, 'bigger', 300)");
    CliRun streamed = replicate(source, target);
    assertThat(streamed.err()).contains("2 dead letters");

    CliRun list = letters(target, "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("public.items", "insert", "n_small", "[23514]", "2 dead letter(s)");
    CliRun json = letters(target, "list", "--json", "--table", "items");
    List<JsonNode> rows = json.out().lines().map(l -> read(l)).toList();
    assertThat(rows)
        .extracting(r -> r.path("event").path("after").path("id").asInt())
        .containsExactly(20, 22);
    String first = rows.get(0).path("id").asText();
    assertThat(first).startsWith("sink:");

    CliRun show = letters(target, "show", first);
    assertThat(show.exitCode()).isZero();
    assertThat(show.out())
        .contains("table        public.items", "SQLSTATE 23514", "\"big\"", "what to do")
        .contains("A constraint of public.items", "pgpipe deadletters replay --id")
        .doesNotContain(target.password().isEmpty() ? "\u0000" : target.password());

    CliRun refused = letters(target, "replay");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("failed again", "attempt 2", "0 applied, 2 stayed");

    target.execute("ALTER TABLE items DROP CONSTRAINT n_small");
    CliRun replay = letters(target, "replay");
    assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).contains("applied", "2 applied, 0 stayed");
    assertThat(target.strings("SELECT id || ':' || n FROM items WHERE id >= 20 ORDER BY id"))
        .containsExactly("20:200", "21:21", "22:300");
    assertThat(letters(target, "list").out()).contains("no dead letters");
    assertThat(letters(target, "replay").out()).contains("no dead letters to replay");
    assertThat(replicate(source, target).err()).contains("0 dead letters");
    source.execute("SELECT pg_drop_replication_slot('dl_cli')");
  }

  @Test
  void discardNeedsASelection_andYesForMoreThanOne(TestDatabase source) {
    TestDatabase target = ReplicateCommandTest.target("dl_cli_discard");
    source.execute(
        "DROP TABLE IF EXISTS items", "CREATE TABLE items (id int PRIMARY KEY, v text, n int)");
    target.execute(
        "CREATE TABLE items (id int PRIMARY KEY, v text, n int CONSTRAINT n_small CHECK (n < 100))");
    assertThat(replicate(source, target).exitCode()).isZero();
    source.execute("INSERT INTO items VALUES (1, 'a', 100), (2, 'b', 200), (3, 'c', 300)");
    replicate(source, target);

    assertThat(letters(target, "discard").exitCode()).isEqualTo(2);
    CliRun unconfirmed = letters(target, "discard", "--table", "items");
    assertThat(unconfirmed.exitCode()).isEqualTo(1);
    assertThat(unconfirmed.out()).contains("3 dead letters match; nothing was discarded");
    String id =
        letters(target, "list", "--json")
            .out()
            .lines()
            .findFirst()
            .map(l -> read(l).path("id").asText())
            .orElseThrow();
    CliRun one = letters(target, "discard", "--id", id.substring("sink:".length()));
    assertThat(one.out()).contains("discarded 1 dead letter(s)");
    assertThat(letters(target, "show", id).exitCode()).isEqualTo(1);
    CliRun rest = letters(target, "discard", "--all", "--yes");
    assertThat(rest.out()).contains("discarded 2 dead letter(s)");
    assertThat(letters(target, "list", "--since", "1h").out()).contains("no dead letters");
    source.execute("SELECT pg_drop_replication_slot('dl_cli')");
  }

  @Test
  void bufferLettersAreReplayedIntoTheTargetNamedByTo(TestDatabase buffer) {
    TestDatabase target = ReplicateCommandTest.target("dl_cli_buffer");
    target.execute("CREATE TABLE items (id int PRIMARY KEY, v text, n int)");
    String event =
        "{\"op\":\"insert\",\"schema\":\"public\",\"table\":\"items\","
            + "\"replica_identity\":\"d\",\"key\":[\"id\"],\"columns\":["
            + "{\"name\":\"id\",\"type\":\"int4\",\"oid\":23,\"kind\":\"int32\","
            + "\"array\":false,\"nullable\":false,\"key\":true},"
            + "{\"name\":\"v\",\"type\":\"text\",\"oid\":25,\"kind\":\"string\","
            + "\"array\":false,\"nullable\":true,\"key\":false},"
            + "{\"name\":\"n\",\"type\":\"int4\",\"oid\":23,\"kind\":\"int32\","
            + "\"array\":false,\"nullable\":true,\"key\":false}],"
            + "\"before\":null,\"after\":{\"id\":7,\"v\":\"seven\",\"n\":7},"
            + "\"lsn\":\"0/100\",\"xid\":9,\"commit_time\":\"2026-12-02T03:00:00Z\",\"index\":0}";
    String tx =
        "{\"format\":\"pgpipe.cdc.transaction/1\",\"xid\":9,\"begin_lsn\":\"0/100\","
            + "\"commit_lsn\":\"0/200\",\"end_lsn\":\"0/210\","
            + "\"commit_time\":\"2026-12-02T03:00:00Z\",\"part\":0,\"last_part\":true,"
            + "\"events\":["
            + event
            + "]}";
    try (dev.pgpipe.client.Database db = dev.pgpipe.client.Database.open(buffer.url())) {
      db.sql("DROP SCHEMA IF EXISTS pgpipe CASCADE").update();
      var changes =
          new dev.pgpipe.sink.buffer.ChangeBuffer(
              db, dev.pgpipe.sink.buffer.BufferConfig.defaults());
      changes.migrate();
      changes.write("src", List.of(new dev.pgpipe.cdc.json.EnvelopeCodec().decodeTransaction(tx)));
      changes.deadLetter(db.inTransaction(t -> changes.claim("src", 10)), "handler gave up");
    }

    CliRun noTarget = letters(buffer, "replay", "--from", "buffer");
    assertThat(noTarget.exitCode()).isEqualTo(2);
    assertThat(noTarget.err()).contains("--to URL or POSTGRES_OUTPUT_HOST");
    assertThat(letters(buffer, "list", "--from", "buffer").out())
        .contains("buffer:", "public.items", "0/200#0", "handler gave up");

    CliRun replay = letters(buffer, "replay", "--from", "buffer", "--to", target.url());

    assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).contains("1 applied, 0 stayed");
    assertThat(target.strings("SELECT id || ':' || v FROM items")).containsExactly("7:seven");
    assertThat(letters(buffer, "list", "--from", "buffer").out()).contains("no dead letters");
    assertThat(letters(buffer, "replay", "--to", target.url()).err())
        .contains("name it with --url");
  }

  private static JsonNode read(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
