package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.CommitOutcomeUnknownException;
import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.proxy.FaultProxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The hardest case for "never twice": the server commits a batch, and the connection dies before
 * the client hears COMMIT. A proxy between client and server cuts the connection exactly there.
 */
@WithPostgres
class LostCommitAcknowledgementTest {

  @PgTable(name = "ticks")
  record Tick(long id, int kind) {}

  @Test
  void aBatchCommittedWhoseAcknowledgementWasLostIsNotWrittenAgain(TestDatabase database) {
    try (FaultProxy proxy = FaultProxy.start("localhost", database.port());
        Database db =
            Database.open(
                "postgres://"
                    + database.user()
                    + "@localhost:"
                    + proxy.port()
                    + "/"
                    + database.name())) {
      db.sql("CREATE TABLE ticks (id int8, kind int4)").update(); // no key: a duplicate would land
      List<WriteError> errors = new CopyOnWriteArrayList<>();
      try (BatchWriter<Tick> writer =
          BatchWriter.builder(db, Table.of(Tick.class))
              .maxRows(1_000)
              .ledger("pgpipe_copy_ledger", "lost-ack")
              .retry(Backoff.immediately(5))
              .onError(errors::add)
              .open()) {
        proxy.cutWhenServerSends(FaultProxy.POSTGRES_COMMIT_COMPLETE);
        writer.writeAll(IntStream.range(0, 5_000).mapToObj(i -> new Tick(i, i % 3)).toList());
      }

      assertThat(proxy.cuts()).isEqualTo(1);
      assertThat(errors)
          .singleElement()
          .isInstanceOfSatisfying(
              WriteError.ConnectionLost.class,
              e -> {
                assertThat(e.retrying()).isTrue();
                assertThat(e.cause()).isInstanceOf(CommitOutcomeUnknownException.class);
              });
      assertThat(db.sql("SELECT count(*) FROM ticks").scalar(Long.class)).isEqualTo(5_000);
      assertThat(db.sql("SELECT count(DISTINCT id) FROM ticks").scalar(Long.class))
          .isEqualTo(5_000);
    }
  }
}
