package dev.pgpipe.sink.verify;

import java.util.List;

/**
 * What {@link ReplicaVerifier} compares and how finely. Immutable.
 *
 * @param tables the tables to compare; empty: every table of the source with a primary key, outside
 *     {@code ownSchema} and the system schemas (tables without one are reported as skipped)
 * @param chunkRows source rows per chunk whose hashes are compared (default 10,000): larger chunks
 *     mean fewer queries, smaller ones less rereading where a chunk differs
 * @param maxRuns how many runs of differing rows a table's result itemises (default 100); differing
 *     rows beyond the first {@code 10 * maxRuns} are not narrowed down to keys
 * @param ownSchema pgpipe's schema on the target (ledger, dead letters, buffer), never compared
 */
public record VerifyOptions(List<TableName> tables, int chunkRows, int maxRuns, String ownSchema) {

  public VerifyOptions {
    tables = List.copyOf(tables);
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunkRows must be >= 1: " + chunkRows);
    }
    if (maxRuns < 1) {
      throw new IllegalArgumentException("maxRuns must be >= 1: " + maxRuns);
    }
    if (ownSchema.isBlank()) {
      throw new IllegalArgumentException("ownSchema must not be blank");
    }
  }

  /** Every table with a primary key, chunks of 10,000 rows, 100 runs, schema {@code pgpipe}. */
  public static VerifyOptions defaults() {
    return new VerifyOptions(List.of(), 10_000, 100, "pgpipe");
  }

  public VerifyOptions withTables(List<TableName> names) {
    return new VerifyOptions(names, chunkRows, maxRuns, ownSchema);
  }

  public VerifyOptions withChunkRows(int rows) {
    return new VerifyOptions(tables, rows, maxRuns, ownSchema);
  }
}
