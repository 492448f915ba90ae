package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A process killed while it copied the initial snapshot leaves a slot behind: the next start must
 * take the snapshot again instead of resuming the slot with the rest of the rows never delivered; a
 * snapshot delivered whole is not taken again.
 */
@WithPostgres
class CutShortSnapshotTest {

  private static CdcConfig config(TestDatabase db, String slot) {
    CdcConfig.Builder builder =
        Streams.config(db, slot).snapshot(SnapshotMode.INITIAL).tables(List.of(slot));
    builder.tuning().maxEventsPerPart(10);
    return builder.build();
  }

  /** Ids of the snapshot rows delivered until the first streamed change, acknowledging each. */
  private static TreeSet<Object> snapshotUntilStreamed(ChangeStream stream) {
    TreeSet<Object> ids = new TreeSet<>();
    while (true) {
      Transaction tx =
          Objects.requireNonNull(stream.poll(Duration.ofSeconds(30)), "nothing delivered in 30 s");
      stream.acknowledge(tx);
      if (!tx.isSnapshot()) {
        return ids;
      }
      tx.events().forEach(e -> ids.add(Objects.requireNonNull(e.after()).get("id")));
    }
  }

  @Test
  void snapshotCutShortIsTakenAgainOnTheNextStart(TestDatabase db) {
    db.execute(
        "CREATE TABLE cut (id int PRIMARY KEY)",
        "INSERT INTO cut SELECT g FROM generate_series(1, 95) g");
    try (ChangeStream first = ChangeStream.open(config(db, "cut"))) {
      Transaction part = Objects.requireNonNull(first.poll(Duration.ofSeconds(30)));
      assertThat(part.isSnapshot()).isTrue();
      first.acknowledge(part);
    }
    db.execute("INSERT INTO cut VALUES (96)");

    try (ChangeStream again = ChangeStream.open(config(db, "cut"))) {
      db.execute("INSERT INTO cut VALUES (97)");
      assertThat(snapshotUntilStreamed(again)).hasSize(96).contains(1, 95, 96);
    }
  }

  @Test
  void snapshotDeliveredWholeIsNotTakenAgain(TestDatabase db) {
    db.execute(
        "CREATE TABLE whole (id int PRIMARY KEY)",
        "INSERT INTO whole SELECT g FROM generate_series(1, 25) g");
    try (ChangeStream first = ChangeStream.open(config(db, "whole"))) {
      db.execute("INSERT INTO whole VALUES (26)");
      assertThat(snapshotUntilStreamed(first)).hasSize(25);
      long created = Streams.confirmedFlush(db, "whole");
      Await.until(
          "the slot confirms the streamed insert",
          Duration.ofSeconds(30),
          () -> Streams.confirmedFlush(db, "whole") > created);
    }

    try (ChangeStream again = ChangeStream.open(config(db, "whole"))) {
      db.execute("INSERT INTO whole VALUES (27)");
      Transaction next = Streams.take(again, 1).get(0);
      assertThat(next.isSnapshot()).isFalse();
      assertThat(next.events().get(0).after()).containsEntry("id", 27);
    }
  }
}
