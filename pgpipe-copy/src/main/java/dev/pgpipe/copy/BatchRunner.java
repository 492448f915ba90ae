package dev.pgpipe.copy;

import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.CommitOutcomeUnknownException;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.TransactionOptions;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one batch in its own transaction, retrying transient failures ({@link
 * PgException#isTransient()}: a lost connection, a timeout, a deadlock or serialization failure, a
 * server short of resources) by its {@link Backoff}, waiting through the injected {@link Sleeper};
 * a COMMIT whose outcome is unknown is retried only with a ledger, which makes it safe. Reports
 * every failure as a {@link WriteError}. Thread-safe.
 */
final class BatchRunner<T> {

  private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

  private final Database db;
  private final BatchLoader<T> loader;
  private final Supplier<Attempts> retry;
  private final Sleeper sleeper;
  private final boolean ledger;
  private final @Nullable RejectHandler<T> rejects;
  private final Consumer<WriteError> errors;
  private final Counters counters;
  private final TransactionOptions once = TransactionOptions.defaults().retry(Backoff.never());

  BatchRunner(
      Database db,
      BatchLoader<T> loader,
      Supplier<Attempts> retry,
      Sleeper sleeper,
      boolean ledger,
      @Nullable RejectHandler<T> rejects,
      Consumer<WriteError> errors,
      Counters counters) {
    this.db = db;
    this.loader = loader;
    this.retry = retry;
    this.sleeper = sleeper;
    this.ledger = ledger;
    this.rejects = rejects;
    this.errors = errors;
    this.counters = counters;
  }

  /**
   * Loads the batch, starting a series of attempts from {@code retry} (a {@link Backoff} on the
   * writer's clock); returns the failure that made it give up, or null when it loaded.
   */
  @Nullable RuntimeException run(Batch<T> batch) {
    Attempts attempts = retry.get();
    while (true) {
      int attempt = attempts.failures() + 1;
      try {
        LoadOutcome<T> outcome = db.inTransaction(once, tx -> loader.load(tx, batch));
        record(batch, outcome);
        return null;
      } catch (PgException e) {
        boolean unknown = e instanceof CommitOutcomeUnknownException;
        boolean again = e.isTransient() && attempts.failed() && (ledger || !unknown);
        errors.accept(error(batch, attempt, again, e));
        if (!again) {
          return e;
        }
        counters.retries.incrementAndGet();
        RuntimeException interrupted = pause(attempts);
        if (interrupted != null) {
          return interrupted;
        }
      } catch (RuntimeException e) {
        errors.accept(new WriteError.CopyFailed(batch.id(), batch.rows(), attempt, false, e));
        return e;
      }
    }
  }

  private void record(Batch<T> batch, LoadOutcome<T> outcome) {
    if (batch.rows() == 0) {
      return; // only what the batch also runs: no batch of rows to count
    }
    if (outcome.alreadyLoaded()) {
      counters.skipped.incrementAndGet();
      LOG.info("batch {} was loaded before (ledger); not written again", batch.id());
      return;
    }
    counters.rows.addAndGet(outcome.rows());
    counters.bytes.addAndGet(batch.bytes());
    counters.batches.incrementAndGet();
    counters.rejected.addAndGet(outcome.rejected().size());
    if (rejects != null) {
      outcome.rejected().forEach(rejects::rejected);
    }
  }

  private static WriteError error(Batch<?> batch, int attempt, boolean again, PgException e) {
    if (Failures.isConnectionLoss(e)) {
      return new WriteError.ConnectionLost(batch.id(), batch.rows(), attempt, again, e);
    }
    if (Failures.isTimeout(e)) {
      return new WriteError.TimedOut(batch.id(), batch.rows(), attempt, again, e);
    }
    return new WriteError.CopyFailed(batch.id(), batch.rows(), attempt, again, e);
  }

  /** Waits the backoff's delay; returns the failure to give up with when interrupted. */
  private @Nullable RuntimeException pause(Attempts attempts) {
    try {
      attempts.pause(sleeper);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PgException("interrupted while waiting to retry a batch", e);
    }
  }
}
