package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe slots} and {@code pgpipe slots drop} on the test server. */
@WithPostgres
class SlotsCommandTest {

  @TempDir Path home;

  private CliRun pgpipe(TestDatabase db, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--url";
    all[args.length + 1] = db.url();
    return CliRun.run(Map.of(), home, all);
  }

  @Test
  void slots_listsEachSlotWithTheWalItHolds_thenDropRemovesIt(TestDatabase db) {
    db.execute(
        "SELECT pg_create_logical_replication_slot('held_back', 'pgoutput')",
        "CREATE TABLE filler (v text)",
        "INSERT INTO filler SELECT repeat('x', 200) FROM generate_series(1, 5000)");

    CliRun list = pgpipe(db, "slots");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("slot", "held", "unconfirmed", "wal status")
        .containsPattern("held_back\\s+pgoutput\\s+" + db.name() + "\\s+no\\s+\\d+/[0-9A-F]+\\s+")
        .containsPattern("held_back .* \\d+\\.\\d (kB|MB) .* reserved");

    CliRun drop = pgpipe(db, "slots", "drop", "held_back");

    assertThat(drop.exitCode()).as(drop.err()).isZero();
    assertThat(drop.out()).isEqualTo("dropped slot held_back" + System.lineSeparator());
    assertThat(db.strings(CdcCommandTest.SLOTS_HERE)).doesNotContain("held_back");
    assertThat(pgpipe(db, "slots").out()).doesNotContain("held_back");
  }

  @Test
  void slotsDrop_ofAMissingSlot_failsWithItsName(TestDatabase db) {
    CliRun drop = pgpipe(db, "slots", "drop", "no_such_slot");

    assertThat(drop.exitCode()).isEqualTo(1);
    assertThat(drop.err()).contains("pgpipe slots drop: ", "no_such_slot");
    assertThat(drop.out()).isEmpty();
  }
}
