package dev.pgpipe.sink;

/** A change the target refused for a reason the server did not raise (an update with no row). */
final class RowRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RowRejectedException(String message) {
    super(message);
  }
}
