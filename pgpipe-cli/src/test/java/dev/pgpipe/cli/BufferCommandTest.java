package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe cdc --to buffer}, {@code pgpipe buffer status} and {@code buffer process}. */
@WithPostgres
class BufferCommandTest {

  @TempDir Path home;

  @Test
  void cdcIntoTheBuffer_thenProcessIntoATarget_targetEqualsSource_andStatusShowsTheBacklog(
      TestDatabase source) {
    TestDatabase target = ReplicateCommandTest.target("buf_cli");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
    }
    source.execute("INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 500) g");
    String[] feed = {
      "cdc",
      "--url",
      source.url(),
      "--to",
      "buffer",
      "--tables",
      "items",
      "--slot",
      "buf_cli",
      "--publication",
      "buf_cli",
      "--batch-timeout",
      "200ms",
      "--idle-exit",
      "2s"
    };
    assertThat(CliRun.run(Map.of(), home, "buffer", "status", "--url", source.url()).out())
        .contains("no buffer here");

    CliRun fed = CliRun.run(Map.of(), home, feed);
    source.execute(
        "BEGIN; UPDATE items SET v = 'upd' WHERE id <= 10; DELETE FROM items WHERE id > 490;"
            + " COMMIT");
    CliRun fedAgain = CliRun.run(Map.of(), home, feed);

    assertThat(fed.exitCode()).as(fed.err()).isZero();
    assertThat(fed.err()).contains("into the buffer as buf_cli", "500 new events buffered");
    assertThat(fedAgain.err()).contains("after 1 transactions", "20 new events buffered");
    CliRun status = CliRun.run(Map.of(), home, "buffer", "status", "--url", source.url());
    assertThat(status.out()).contains("backlog       520 events", "dead letters  0");

    CliRun process =
        CliRun.run(
            Map.of(),
            home,
            "buffer",
            "process",
            "--url",
            source.url(),
            "--to",
            target.url(),
            "--source",
            "buf_cli",
            "--until-empty",
            "--status-interval",
            "200ms");

    assertThat(process.exitCode()).as(process.err()).isZero();
    assertThat(process.err()).contains("520 events processed, backlog 0, 0 dead letters");
    assertThat(ReplicateCommandTest.checksum(target, "items"))
        .isEqualTo(ReplicateCommandTest.checksum(source, "items"));
    assertThat(CliRun.run(Map.of(), home, "buffer", "status", "--url", source.url()).out())
        .contains("backlog       0 events", "processed     520 events kept");
    source.execute("SELECT pg_drop_replication_slot('buf_cli')");
  }

  @Test
  void cdcIntoTheBufferOfTheSourceDatabase_withoutTables_isRefused(TestDatabase source) {
    CliRun run =
        CliRun.run(
            Map.of(), home, "cdc", "--url", source.url(), "--to", "buffer", "--idle-exit", "1s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--to buffer in the source database needs --tables");
    assertThat(source.strings(CdcCommandTest.SLOTS_HERE)).isEmpty();
  }
}
