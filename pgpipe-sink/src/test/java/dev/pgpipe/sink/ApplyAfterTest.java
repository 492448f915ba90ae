package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TableSink#applyAfter}: which commits wait for the target's WAL flush (a deferred trigger
 * records {@code synchronous_commit} as each row's transaction commits), and the ledger checked
 * against the last transaction committed before.
 */
@WithPostgres
class ApplyAfterTest {

  @Test
  void streamedBatchesCommitWithoutTheFlushUnlessAskedOrHoldingSnapshotRows(TestDatabase target) {
    target.execute(
        "CREATE TABLE modes (id int8 PRIMARY KEY, v text, n int4)",
        "CREATE TABLE commit_modes (id int8, mode text)",
        "CREATE FUNCTION commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " INSERT INTO commit_modes VALUES (NEW.id, current_setting('synchronous_commit'));"
            + " RETURN NULL; END $$",
        "CREATE CONSTRAINT TRIGGER commit_mode AFTER INSERT ON modes DEFERRABLE INITIALLY DEFERRED"
            + " FOR EACH ROW EXECUTE FUNCTION commit_mode()");
    try (TableSink sink = sink(target, "modes")) {
      Transaction snapshot = new Events("modes", 50).insert(1, "", 1).tx();
      sink.applyAfter(
          List.of(new Transaction(0, 50, 50, 0, Instant.EPOCH, snapshot.events(), 0, true)),
          null,
          false);
      sink.applyAfter(List.of(new Events("modes", 100).insert(2, "", 2).tx()), null, false);
      sink.applyAfter(List.of(new Events("modes", 200).insert(3, "", 3).tx()), null, true);
      sink.apply(List.of(new Events("modes", 300).insert(4, "", 4).tx()));
    }
    assertThat(Pair.rows(target, "commit_modes")).isEqualTo("(1,on) (2,off) (3,on) (4,on)");
  }

  @Test
  void aLedgerBehindTheLastCommitStopsTheBatchWithNothingWritten(TestDatabase target) {
    target.execute("CREATE TABLE behind (id int8 PRIMARY KEY, v text, n int4)");
    try (TableSink sink = sink(target, "behind")) {
      sink.apply(List.of(new Events("behind", 100).insert(1, "a", 1).tx()));
      Position lost = new Position(200, Position.COMPLETE, 208, true);
      List<Transaction> next = List.of(new Events("behind", 300).insert(3, "c", 3).tx());
      assertThatThrownBy(() -> sink.applyAfter(next, lost, false))
          .isInstanceOf(TargetRolledBackException.class)
          .hasMessageContaining("behind the transaction that committed at 0/C8 on the source");
      assertThat(Pair.rows(target, "behind")).isEqualTo("(1,a,1)");
      Position kept = new Position(100, 0, 108, true);
      sink.applyAfter(next, kept, false);
    }
    assertThat(Pair.rows(target, "behind")).isEqualTo("(1,a,1) (3,c,3)");
  }

  private static TableSink sink(TestDatabase target, String table) {
    return TableSink.open(
        SinkConfig.builder().url(target.url()).sourceId(table).tables(List.of(table)).build());
  }
}
