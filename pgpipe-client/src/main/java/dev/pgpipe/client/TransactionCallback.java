package dev.pgpipe.client;

/**
 * The body of a transaction. It may run more than once (after a serialization failure or deadlock),
 * so it must not have effects outside the database that cannot be repeated.
 */
@FunctionalInterface
public interface TransactionCallback<T> {

  T run(RunningTransaction transaction);
}
