package dev.pgpipe.cdc;

/**
 * The value of a column an UPDATE did not change and the server did not send (a TOASTed value).
 * Distinct from NULL: a sink must leave such a column as it is.
 */
public enum Unchanged {
  VALUE;

  @Override
  public String toString() {
    return "UNCHANGED";
  }
}
