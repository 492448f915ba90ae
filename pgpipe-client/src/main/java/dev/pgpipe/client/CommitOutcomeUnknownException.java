package dev.pgpipe.client;

/**
 * The connection was lost while COMMIT was in flight: the transaction may or may not have been
 * committed. It is never retried automatically, because running it again could apply it twice;
 * check the data (or an idempotency key) before deciding.
 */
public final class CommitOutcomeUnknownException extends PgException {

  private static final long serialVersionUID = 1L;

  CommitOutcomeUnknownException(PgException cause) {
    super(
        "connection lost during COMMIT: the transaction may or may not have been committed;"
            + " it was not retried. Check whether its changes are present before running it again",
        cause.server(),
        cause);
  }
}
