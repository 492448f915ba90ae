package dev.pgpipe.sink.verify;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.Isolation;
import dev.pgpipe.client.TransactionOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks whether a target database still holds what its source holds, table by table.
 *
 * <pre>{@code
 * ReplicaVerifier verifier = ReplicaVerifier.create(source, target, VerifyOptions.defaults());
 * List<TableComparison> all = verifier.verify(result -> System.out.println(result.status()));
 * boolean same = all.stream().noneMatch(TableComparison::differs);
 * }</pre>
 *
 * <p>For each table the catalogs are compared first (is the table on both sides, the same columns
 * by name, the same primary key), then the rows: row counts and, chunk by chunk along the source's
 * primary key, an order-independent hash of each row's columns as text; differing chunks are
 * narrowed down to runs of missing, extra and changed keys (see {@link Difference}). A table
 * without a primary key is compared by row count and a hash of all its rows. Memory is bounded by
 * one small key range and the itemised differences, whatever the tables' sizes; the work is about
 * two reads of each side's table, plus rereading the chunks that differ.
 *
 * <p>Each table is read in one REPEATABLE READ, read-only transaction on each side, so each side is
 * seen at one instant; the two instants differ, and a replica that replication is still writing to
 * may differ transiently by what it has not applied yet. Text forms are made alike on both sides
 * (time zone UTC, ISO dates, hex bytea, full float precision) before hashing.
 *
 * <p>Thread-safe: tables may be compared from several threads, each using a connection per side.
 * Failures are the client's unchecked {@link dev.pgpipe.client.PgException} (the first one ends
 * {@link #verify}); a table the user named that does not exist is a result, not a failure.
 */
public final class ReplicaVerifier {

  private static final TransactionOptions SNAPSHOT =
      TransactionOptions.of(Isolation.REPEATABLE_READ).readOnly(true);

  private final Database source;
  private final Database target;
  private final VerifyOptions options;

  private ReplicaVerifier(Database source, Database target, VerifyOptions options) {
    this.source = source;
    this.target = target;
    this.options = options;
  }

  /** A verifier of {@code target} against {@code source}; it does not close them. */
  public static ReplicaVerifier create(Database source, Database target, VerifyOptions options) {
    return new ReplicaVerifier(source, target, options);
  }

  /**
   * Compares the tables of the options, or every table of the source (those without a primary key
   * are reported as {@link TableComparison.Status#SKIPPED}), in schema and name order; hands each
   * result to {@code each} as soon as it is known and returns them all.
   */
  public List<TableComparison> verify(Consumer<TableComparison> each) {
    List<TableComparison> results = new ArrayList<>();
    if (!options.tables().isEmpty()) {
      options.tables().forEach(table -> results.add(report(compare(table), each)));
      return results;
    }
    for (Catalog.Listed listed : Catalog.tables(source, options.ownSchema())) {
      TableComparison result =
          listed.keyed()
              ? compare(listed.table())
              : TableComparison.skipped(
                  listed.table(),
                  "no primary key: name it in the table list to compare its row count and a hash"
                      + " of all rows");
      results.add(report(result, each));
    }
    return results;
  }

  private static TableComparison report(TableComparison result, Consumer<TableComparison> each) {
    each.accept(result);
    return result;
  }

  /** Compares one table, whether or not it has a primary key. */
  public TableComparison compare(TableName table) {
    return source.inTransaction(
        SNAPSHOT,
        s -> target.inTransaction(SNAPSHOT, t -> new TableCheck(s, t, table, options).run()));
  }
}
