package dev.pgpipe.copy;

/**
 * Receives rows the server refused once bisection isolated them; the batch's other rows were
 * loaded. Called after the batch committed, on a writer thread.
 */
@FunctionalInterface
public interface RejectHandler<T> {

  void rejected(Rejected<T> rejected);
}
