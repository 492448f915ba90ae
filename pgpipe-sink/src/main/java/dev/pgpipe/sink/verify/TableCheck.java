package dev.pgpipe.sink.verify;

import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.sink.verify.TableComparison.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One table compared inside a snapshot of each side: first what the catalogs say (is the table
 * there, its columns, its key), then the rows. Used once.
 */
final class TableCheck {

  private static final String SETTINGS =
      """
      SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
             set_config('IntervalStyle', 'postgres', true), set_config('bytea_output', 'hex', true),
             set_config('extra_float_digits', '3', true), set_config('lc_monetary', 'C', true)
      """;

  private final RunningTransaction source;
  private final RunningTransaction target;
  private final TableName table;
  private final VerifyOptions options;
  private final List<String> problems = new ArrayList<>();

  TableCheck(
      RunningTransaction source,
      RunningTransaction target,
      TableName table,
      VerifyOptions options) {
    this.source = source;
    this.target = target;
    this.table = table;
    this.options = options;
  }

  TableComparison run() {
    for (RunningTransaction tx : List.of(source, target)) {
      tx.sql(SETTINGS).map(r -> r.getString(1)).one(); // same text forms of values on both sides
    }
    Optional<Shape> sourceShape = Catalog.shape(source, table);
    Optional<Shape> targetShape = Catalog.shape(target, table);
    if (sourceShape.isEmpty()) {
      long rows = targetShape.isPresent() ? Side.count(target, table) : 0;
      problems.add(
          "not in the source"
              + (targetShape.isPresent() ? " (only in the target)" : " nor in the target")
              + ": check the name, table or schema.table, spelled as in the catalog");
      return result(Status.MISSING_IN_SOURCE, 0, rows);
    }
    if (targetShape.isEmpty()) {
      problems.add(
          "not in the target: create it there with the source's definition, then copy or"
              + " replicate its rows");
      return result(Status.MISSING_IN_TARGET, Side.count(source, table), 0);
    }
    return compare(sourceShape.get(), targetShape.get());
  }

  private TableComparison compare(Shape from, Shape to) {
    List<String> shared = from.columns().stream().filter(c -> to.type(c).isPresent()).toList();
    columnProblems(from, to, shared);
    if (from.key().isEmpty()) {
      return whole(from, to, shared);
    }
    if (!to.has(from.key())) {
      problems.add(
          "the target lacks primary key column(s) "
              + missing(from.key(), to)
              + ": only the row counts were compared");
      return result(Status.DIFFERENT, Side.count(source, table), Side.count(target, table));
    }
    if (!to.key().equals(from.key())) {
      problems.add(
          "primary key differs: source "
              + from.key()
              + ", target "
              + (to.key().isEmpty() ? "none" : to.key())
              + "; give the target the source's primary key");
    }
    Runs runs = new Runs(options.maxRuns());
    KeyedComparison rows =
        new KeyedComparison(
            new Side(source, from, shared, from.key()),
            new Side(target, to, shared, from.key()),
            options.chunkRows(),
            runs);
    rows.run();
    boolean equal = problems.isEmpty() && runs.runs().isEmpty() && runs.more() == 0;
    return result(
        equal ? Status.EQUAL : Status.DIFFERENT,
        rows.sourceRows(),
        rows.targetRows(),
        runs,
        List.of());
  }

  private TableComparison whole(Shape from, Shape to, List<String> shared) {
    Summary s = new Side(source, from, shared, List.of()).summary(Range.ALL);
    Summary t = new Side(target, to, shared, List.of()).summary(Range.ALL);
    String note =
        "no primary key: compared the row count and a hash of all rows"
            + (s.equals(t) ? "" : ", which differ")
            + "; add a primary key to learn which rows differ";
    Status status = s.equals(t) && problems.isEmpty() ? Status.EQUAL : Status.DIFFERENT;
    return result(status, s.rows(), t.rows(), null, List.of(note));
  }

  private void columnProblems(Shape from, Shape to, List<String> shared) {
    List<String> onlySource = missing(from.columns(), to);
    List<String> onlyTarget = missing(to.columns(), from);
    if (!onlySource.isEmpty()) {
      problems.add(
          "column(s) "
              + onlySource
              + " missing in the target: add them there (ALTER TABLE ... ADD COLUMN) and"
              + " backfill; the other columns were compared");
    }
    if (!onlyTarget.isEmpty()) {
      problems.add(
          "column(s) "
              + onlyTarget
              + " only in the target: drop them there or leave them; they were not compared");
    }
    if (shared.isEmpty()) {
      problems.add("no column in common: only the row counts were compared");
    }
  }

  private static List<String> missing(List<String> columns, Shape in) {
    return columns.stream().filter(c -> in.type(c).isEmpty()).toList();
  }

  private TableComparison result(Status status, long sourceRows, long targetRows) {
    return result(status, sourceRows, targetRows, null, List.of());
  }

  private TableComparison result(
      Status status, long sourceRows, long targetRows, @Nullable Runs runs, List<String> notes) {
    return new TableComparison(
        table,
        status,
        sourceRows,
        targetRows,
        runs == null ? List.of() : runs.runs(),
        runs == null ? 0 : runs.more(),
        problems,
        notes);
  }
}
