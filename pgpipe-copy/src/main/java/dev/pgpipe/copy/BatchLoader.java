package dev.pgpipe.copy;

import dev.pgpipe.client.CopyIn;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.codec.BinaryCopy;
import dev.pgpipe.copy.codec.WireBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Loads one {@link Batch} inside a transaction: claims it in the ledger, COPYs it (into a staging
 * table for an upsert), bisects it on a data error to isolate bad rows, merges the staged rows, and
 * runs the step the batch holds after its rows (a writer's closing step), if any. Stateless between
 * batches; thread-safe.
 */
final class BatchLoader<T> {

  private static final AtomicLong STAGES = new AtomicLong();
  private static final byte[] HEADER = header();
  private static final byte[] TRAILER = {-1, -1};

  private final Table<T> table;
  private final @Nullable Upsert upsert;
  private final boolean bisect;
  private final @Nullable BatchLedger ledger;
  private final @Nullable Duration timeout;

  BatchLoader(
      Table<T> table,
      @Nullable Upsert upsert,
      boolean bisect,
      @Nullable BatchLedger ledger,
      @Nullable Duration timeout) {
    this.table = table;
    this.upsert = upsert;
    this.bisect = bisect;
    this.ledger = ledger;
    this.timeout = timeout;
  }

  private static byte[] header() {
    WireBuffer buffer = new WireBuffer(32);
    BinaryCopy.writeHeader(buffer);
    return java.util.Arrays.copyOf(buffer.array(), buffer.size());
  }

  /**
   * Loads the batch in {@code tx}, then runs what the batch also runs ({@link Batch#afterRows()});
   * a PgException leaves the transaction to be rolled back.
   */
  LoadOutcome<T> load(RunningTransaction tx, Batch<T> batch) {
    if (timeout != null) {
      tx.sql("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis())).update();
    }
    LoadOutcome<T> outcome =
        batch.rows() == 0 ? new LoadOutcome<>(0, false, List.of()) : loadRows(tx, batch);
    Consumer<RunningTransaction> afterRows = batch.afterRows();
    if (afterRows != null) {
      afterRows.accept(tx);
    }
    return outcome;
  }

  private LoadOutcome<T> loadRows(RunningTransaction tx, Batch<T> batch) {
    if (ledger != null && !ledger.claim(tx, batch.id(), batch.rows(), batch.crc32c())) {
      return new LoadOutcome<>(0, true, List.of());
    }
    String target = table.qualifiedName();
    String stage = Identifier.quote("pgpipe_stage_" + STAGES.incrementAndGet());
    if (upsert != null) {
      tx.sql(
              "CREATE TEMP TABLE "
                  + stage
                  + " (LIKE "
                  + target
                  + " INCLUDING DEFAULTS)"
                  + " ON COMMIT DROP")
          .update();
      target = stage;
    }
    List<Rejected<T>> rejected = new ArrayList<>();
    long rows =
        bisect ? copyBisecting(tx, target, batch, rejected) : copyOrExplain(tx, target, batch);
    if (upsert != null) {
      tx.sql(upsert.insertSql(table, stage)).update();
    }
    return new LoadOutcome<>(rows, false, rejected);
  }

  private long copyOrExplain(RunningTransaction tx, String target, Batch<T> batch) {
    try {
      return copyRange(tx, target, batch, 0, batch.rows());
    } catch (PgException e) {
      if (e.isTransient()) {
        throw e;
      }
      throw new CopyFailedException(table.schema() + "." + table.name(), Failures.row(e), e);
    }
  }

  /** COPYs the batch, each tried range under a savepoint; {@link Bisection} isolates bad rows. */
  private long copyBisecting(
      RunningTransaction tx, String target, Batch<T> batch, List<Rejected<T>> into) {
    long[] rows = {0};
    Bisection.<PgException, RuntimeException>run(
        batch.rows(),
        (from, to) -> {
          try {
            rows[0] += tx.inSavepoint(inner -> copyRange(inner, target, batch, from, to));
            return null;
          } catch (PgException e) {
            if (!Failures.isDataError(e)) {
              throw e;
            }
            return e;
          }
        },
        (index, error) -> into.add(new Rejected<>(batch.row(index), index, error)));
    return rows[0];
  }

  /** COPYs rows {@code [from, to)} of the batch; the server's row count. */
  private long copyRange(RunningTransaction tx, String target, Batch<T> batch, int from, int to) {
    try (CopyIn copy = tx.openCopyIn(table.copySqlInto(target))) {
      copy.write(HEADER, 0, HEADER.length);
      int start = batch.start(from);
      copy.write(batch.data().array(), start, batch.end(to - 1) - start);
      copy.write(TRAILER, 0, TRAILER.length);
      return copy.finish();
    }
  }
}
