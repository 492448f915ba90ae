package dev.pgpipe.client;

/**
 * How {@link Database#inTransaction(TransactionOptions, TransactionCallback)} runs a transaction.
 *
 * @param isolation the isolation level
 * @param readOnly whether the transaction is READ ONLY
 * @param retry how serialization failures and deadlocks are retried
 */
public record TransactionOptions(Isolation isolation, boolean readOnly, RetryPolicy retry) {

  /** READ COMMITTED, read-write, default retries. */
  public static TransactionOptions defaults() {
    return new TransactionOptions(Isolation.READ_COMMITTED, false, RetryPolicy.defaults());
  }

  public static TransactionOptions of(Isolation isolation) {
    return new TransactionOptions(isolation, false, RetryPolicy.defaults());
  }

  public TransactionOptions readOnly(boolean value) {
    return new TransactionOptions(isolation, value, retry);
  }

  public TransactionOptions retry(RetryPolicy policy) {
    return new TransactionOptions(isolation, readOnly, policy);
  }
}
