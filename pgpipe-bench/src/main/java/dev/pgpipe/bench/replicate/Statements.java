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

  /** A statement (normalised text, cut short) with its calls and server time. */
  record Top(String query, long calls, double totalMs, long rows) {}

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

  /** Statements run in {@code database} since the reset (sum of calls). */
  long calls(String database) {
    return source
        .sql(
            "SELECT coalesce(sum(s.calls), 0)::int8 FROM pg_stat_statements(false) s"
                + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?",
            database)
        .scalar(Long.class);
  }

  /** Times entries were evicted since the reset: when above 0, counts are lower bounds. */
  long evictions() {
    return source.sql("SELECT dealloc FROM pg_stat_statements_info").scalar(Long.class);
  }

  /** The {@code limit} statements of {@code database} with the most calls, or the most time. */
  List<Top> top(String database, boolean byTime, int limit) {
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
                new Top(r.getString("q"), r.getLong("calls"), r.getDouble("ms"), r.getLong("rows")))
        .list();
  }
}
