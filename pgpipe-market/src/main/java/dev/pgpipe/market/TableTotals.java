package dev.pgpipe.market;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each table received over all the sources of one load, in the order tables were first
 * written; counts the rows in range at the end. Not thread-safe.
 */
final class TableTotals {

  private final Map<String, Total> totals = new LinkedHashMap<>();

  private static final class Total {
    final String qualified;
    final String keyColumn;
    long records;
    long outOfOrder;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    Total(String qualified, String keyColumn) {
      this.qualified = qualified;
      this.keyColumn = keyColumn;
    }
  }

  /** Adds what the writers of one source wrote. */
  void add(MarketRowWriter<?> sink) {
    String name = sink.table().schema() + "." + sink.table().name();
    Total total =
        totals.computeIfAbsent(
            name, n -> new Total(sink.table().qualifiedName(), sink.market().keyColumn()));
    total.records += sink.records();
    total.outOfOrder += sink.outOfOrder();
    total.min = Math.min(total.min, sink.minTime());
    total.max = Math.max(total.max, sink.maxTime());
  }

  List<TableReport> reports(Database db) {
    List<TableReport> reports = new ArrayList<>();
    totals.forEach(
        (name, total) ->
            reports.add(
                new TableReport(name, total.records, inRange(db, total), total.outOfOrder)));
    return reports;
  }

  private static long inRange(Database db, Total total) {
    if (total.records == 0) {
      return 0;
    }
    String sql =
        "SELECT count(*) FROM "
            + total.qualified
            + " WHERE "
            + Identifier.quote(total.keyColumn)
            + " BETWEEN :first AND :last";
    return db.sql(sql).bind("first", total.min).bind("last", total.max).scalar(Long.class);
  }
}
