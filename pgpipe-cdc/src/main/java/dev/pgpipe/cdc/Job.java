package dev.pgpipe.cdc;

/**
 * A long-running loop (a {@link DrainLoop}, a replication, a consumer): one thread {@linkplain
 * #run() runs} it; any thread may {@linkplain #stop() stop} it or read its {@linkplain #stats()
 * counters}. {@link JobRunner} runs one on its own thread while the caller watches it.
 *
 * @param <S> the type of its counters, an immutable value
 */
public interface Job<S> {

  /**
   * Runs until the job is done or {@link #stop()} is called, and returns why it stopped.
   *
   * @throws RuntimeException what it failed with
   */
  Outcome<S> run();

  /**
   * Asks it to finish: what it holds is made durable and acknowledged, then {@link #run()} returns.
   * Thread-safe, idempotent; does not wait.
   */
  void stop();

  /** Its counters so far. Thread-safe. */
  S stats();
}
