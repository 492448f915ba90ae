package dev.pgpipe.client;

import java.time.Duration;

/**
 * How {@link Database#inTransaction(TransactionOptions, TransactionCallback)} runs a transaction.
 *
 * @param isolation the isolation level
 * @param readOnly whether the transaction is READ ONLY
 * @param retry how serialization failures and deadlocks are retried: the transaction runs at most
 *     {@code retry.maxAttempts()} times, waiting the backoff's delays between runs
 */
public record TransactionOptions(Isolation isolation, boolean readOnly, Backoff retry) {

  /**
   * 5 attempts, 10 ms growing to at most 1 s, equal jitter so that concurrent losers spread out.
   */
  public static final Backoff DEFAULT_RETRY =
      Backoff.exponential(Duration.ofMillis(10), Duration.ofSeconds(1))
          .withJitter(Backoff.EQUAL_JITTER)
          .withMaxAttempts(5);

  /** READ COMMITTED, read-write, default retries. */
  public static TransactionOptions defaults() {
    return new TransactionOptions(Isolation.READ_COMMITTED, false, DEFAULT_RETRY);
  }

  public static TransactionOptions of(Isolation isolation) {
    return new TransactionOptions(isolation, false, DEFAULT_RETRY);
  }

  public TransactionOptions readOnly(boolean value) {
    return new TransactionOptions(isolation, value, retry);
  }

  public TransactionOptions retry(Backoff policy) {
    return new TransactionOptions(isolation, readOnly, policy);
  }
}
