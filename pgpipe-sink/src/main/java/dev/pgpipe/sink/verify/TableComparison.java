package dev.pgpipe.sink.verify;

import java.util.List;

/**
 * How one table of the target compares with the source's. Immutable.
 *
 * @param sourceRows the source's rows (0 when the table is not there)
 * @param targetRows the target's rows (0 when the table is not there)
 * @param differences the differing rows as runs in key order, at most {@link
 *     VerifyOptions#maxRuns()}
 * @param moreDifferences how many further runs were found but not itemised
 * @param problems what makes the table differ besides its rows (a missing table or column, another
 *     primary key), each saying what to do; a table with a problem is {@link Status#DIFFERENT} or
 *     missing
 * @param notes what the comparison could not do or left out, and why (no primary key, skipped)
 */
public record TableComparison(
    TableName table,
    Status status,
    long sourceRows,
    long targetRows,
    List<Difference> differences,
    long moreDifferences,
    List<String> problems,
    List<String> notes) {

  /** The outcome for one table. */
  public enum Status {
    /** Same columns, same rows. */
    EQUAL,
    /** Rows or columns differ. */
    DIFFERENT,
    /** The source has the table, the target does not. */
    MISSING_IN_TARGET,
    /** The table was named but the source does not have it. */
    MISSING_IN_SOURCE,
    /** Not compared; the notes say why. */
    SKIPPED
  }

  public TableComparison {
    differences = List.copyOf(differences);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
    if (status == Status.EQUAL && (!differences.isEmpty() || !problems.isEmpty())) {
      throw new IllegalArgumentException("an equal table has no differences: " + table);
    }
  }

  /** Whether the target does not hold what the source holds (not for a skipped table). */
  public boolean differs() {
    return status != Status.EQUAL && status != Status.SKIPPED;
  }

  /** The keys listed in runs of {@code kind}, in key order; complete when those runs are exact. */
  public List<Key> keys(Difference.Kind kind) {
    return differences.stream()
        .filter(d -> d.kind() == kind)
        .flatMap(d -> d.keys().stream())
        .toList();
  }

  static TableComparison skipped(TableName table, String why) {
    return new TableComparison(table, Status.SKIPPED, 0, 0, List.of(), 0, List.of(), List.of(why));
  }
}
