package dev.pgpipe.copy;

import dev.pgpipe.client.PgException;

/**
 * A failure a {@link BatchWriter} reports to its error handler. Batch failures say which batch (its
 * id, as recorded in the ledger), how many rows, which attempt, and whether it will be tried again;
 * a batch that is not retried was not loaded.
 */
public sealed interface WriteError {

  /** The failure itself. */
  RuntimeException cause();

  /** The connection was lost (or could not be had) while loading a batch. */
  record ConnectionLost(long batchId, int rows, int attempt, boolean retrying, PgException cause)
      implements WriteError {}

  /** Loading a batch took longer than the writer's batch timeout. */
  record TimedOut(long batchId, int rows, int attempt, boolean retrying, PgException cause)
      implements WriteError {}

  /** The server refused a batch's COPY (or merge) for a reason retrying does not fix. */
  record CopyFailed(long batchId, int rows, int attempt, boolean retrying, RuntimeException cause)
      implements WriteError {}

  /** A row was refused on the client and left out; the writer goes on. */
  record EncodingFailed(EncodingException cause) implements WriteError {}
}
