package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.Database;
import java.util.List;

/**
 * The statements a target database received, from {@code pg_stat_statements} (which the server must
 * preload; the embedded one does). Read through the source database, so these queries are not
 * counted against the target. Statements that differ only in numbered or hashed names ({@code
 * pgpipe_stage_12}, {@code pgpipe_stage_ae15e647}) are summed as one.
 */
final class Statements {

  private static final String NORMALISED =
      "left(regexp_replace(regexp_replace(s.query, '\\s+', ' ', 'g'),"
          + " '_([0-9a-f]{8,}|[0-9]+)\\M', '_N', 'g'), 140)";

  private final Database source;

  private Statements(Database source) {
    this.source = source;
  }

  /**
   * The counter on the source database, or null when the server does not preload {@code
   * pg_stat_statements}; creates the extension there.
   */
  static @org.jspecify.annotations.Nullable Statements on(Database source) {
    boolean loaded =
        source
            .sql("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'")
            .scalar(Boolean.class);
    if (!loaded) {
      return null;
    }
    source.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
    return new Statements(source);
  }

  /** Forgets every statement counted so far, in every database. */
  void reset() {
    source.sql("SELECT pg_stat_statements_reset()::text").scalar(String.class);
  }

  /** What {@code database} received since the reset, with the {@code top} statements. */
  StatementCounts read(String database, int top) {
    List<Long> totals =
        source
            .sql(
                "SELECT unnest(ARRAY[coalesce(sum(s.calls), 0)::int8,"
                    + " coalesce(sum(s.total_exec_time), 0)::int8,"
                    + " coalesce(sum(s.calls) FILTER (WHERE s.query = 'COMMIT'), 0)::int8,"
                    + " (SELECT dealloc FROM pg_stat_statements_info)])"
                    + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                    + " WHERE d.datname = ?",
                database)
            .as(Long.class)
            .list();
    return new StatementCounts(
        totals.get(0),
        totals.get(1),
        totals.get(2),
        totals.get(3),
        top(database, false, top),
        top(database, true, top));
  }

  /** The {@code limit} statements of {@code database} with the most calls, or the most time. */
  private List<StatementCounts.Top> top(String database, boolean byTime, int limit) {
    return source
        .sql(
            "SELECT "
                + NORMALISED
                + " AS q, sum(s.calls)::int8 AS calls, sum(s.total_exec_time)::float8 AS ms,"
                + " sum(s.rows)::int8 AS rows FROM pg_stat_statements s"
                + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?"
                + " GROUP BY 1 ORDER BY "
                + (byTime ? "ms" : "calls")
                + " DESC LIMIT ?",
            database,
            limit)
        .map(
            r ->
                new StatementCounts.Top(
                    r.getString("q"), r.getLong("calls"), r.getDouble("ms"), r.getLong("rows")))
        .list();
  }
}
