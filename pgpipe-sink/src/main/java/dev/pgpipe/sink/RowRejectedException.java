package dev.pgpipe.sink;

/** A change the target refused for a reason the server did not raise (an update with no row). */
final class RowRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RowRejectedException(String message) {
    super(message);
  }

  /** Throws when fewer than {@code expected} rows were {@code done} ("moved", "updated"). */
  static void ifMissing(int expected, int changed, String done, TableChanges changes) {
    if (changed < expected) {
      throw new RowRejectedException(
          (expected - changed) + " " + done + " row(s) missing in " + changes.table().label());
    }
  }
}
