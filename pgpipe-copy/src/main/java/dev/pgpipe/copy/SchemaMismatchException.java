package dev.pgpipe.copy;

import java.util.List;

/** The live table does not match the definition; lists every {@link Mismatch} at once. */
public final class SchemaMismatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final transient List<Mismatch> mismatches;

  public SchemaMismatchException(String table, List<Mismatch> mismatches) {
    super(message(table, mismatches));
    this.table = table;
    this.mismatches = List.copyOf(mismatches);
  }

  private static String message(String table, List<Mismatch> mismatches) {
    StringBuilder text =
        new StringBuilder("table ")
            .append(table)
            .append(" does not match its definition (")
            .append(mismatches.size())
            .append(mismatches.size() == 1 ? " mismatch):" : " mismatches):");
    for (Mismatch mismatch : mismatches) {
      text.append("\n  ").append(mismatch);
    }
    return text.toString();
  }

  public String table() {
    return table;
  }

  public List<Mismatch> mismatches() {
    return mismatches;
  }
}
