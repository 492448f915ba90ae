package dev.pgpipe.sink.verify;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.RunningTransaction;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One side's queries on one table, in that side's snapshot.
 *
 * <p>A row is hashed as {@code hashtextextended(ROW(c1::text, c2::text, ...)::text, 0)} over the
 * compared columns, named in the source's order on both sides: the record's text form tells NULL
 * from the empty string and quotes every delimiter, so different rows hash differently, and the
 * cast to text makes a difference in representation (a numeric's scale, a timestamp's type) show.
 * Keys are compared as row values, {@code (k1, k2) > (CAST(? AS t1), CAST(? AS t2))}, each value
 * cast to this side's type of the column, so a composite primary key index serves every range.
 * {@code ORDER BY} names key columns through the table's alias {@code t}: a bare name would pick
 * the select list's text column of that name and sort as text.
 */
final class Side {

  private final RunningTransaction tx;
  private final String from;
  private final String hash;
  private final String keys;
  private final String keysText;
  private final String order;
  private final String orderDescending;
  private final String bounds;
  private final int keyColumns;

  /**
   * @param columns the columns to hash, all in {@code shape}
   * @param key the key columns, all in {@code shape}; empty for a table compared whole
   */
  Side(RunningTransaction tx, Shape shape, List<String> columns, List<String> key) {
    this.tx = tx;
    this.from = shape.table().quoted() + " AS t";
    this.hash =
        columns.stream()
            .map(c -> Identifier.quote(c) + "::text")
            .collect(Collectors.joining(", ", "hashtextextended(ROW(", ")::text, 0)"));
    this.keys = join(key, "", "");
    this.keysText = join(key, "", "::text");
    this.order = join(key, "t.", "");
    this.orderDescending = join(key, "t.", " DESC");
    this.keyColumns = key.size();
    this.bounds =
        key.stream()
            .map(c -> "CAST(? AS " + shape.type(c).orElseThrow() + ")")
            .collect(Collectors.joining(", ", "(", ")"));
  }

  private static String join(List<String> columns, String prefix, String suffix) {
    return columns.stream()
        .map(c -> prefix + Identifier.quote(c) + suffix)
        .collect(Collectors.joining(", "));
  }

  /** The rows of the whole table, for a table that is not compared by key. */
  static long count(RunningTransaction tx, TableName table) {
    return tx.sql("SELECT count(*) FROM " + table.quoted()).scalar(Long.class);
  }

  Summary summary(Range range) {
    List<Object> values = new ArrayList<>();
    String sql =
        "SELECT count(*), coalesce(sum(" + hash + "), 0)::text FROM " + from + where(range, values);
    return tx.sql(sql, values.toArray())
        .map(r -> new Summary(r.getLong(1), new BigInteger(r.getString(2))))
        .one();
  }

  /** The key {@code offset} rows into the range, in key order. */
  Optional<Key> keyAt(Range range, long offset) {
    List<Object> values = new ArrayList<>();
    String sql =
        "SELECT " + keysText + " FROM " + from + where(range, values) + " ORDER BY " + order;
    values.add(offset);
    return tx.sql(sql + " OFFSET ? LIMIT 1", values.toArray()).map(r -> key(r, keyColumns)).first();
  }

  Optional<Key> lastKey(Range range) {
    List<Object> values = new ArrayList<>();
    String sql =
        "SELECT "
            + keysText
            + " FROM "
            + from
            + where(range, values)
            + " ORDER BY "
            + orderDescending;
    return tx.sql(sql + " LIMIT 1", values.toArray()).map(r -> key(r, keyColumns)).first();
  }

  /** Each row's key and hash, in key order: for a range of a few rows. */
  Map<Key, Long> rows(Range range) {
    List<Object> values = new ArrayList<>();
    String sql = "SELECT " + keysText + ", " + hash + " FROM " + from + where(range, values);
    Map<Key, Long> rows = new LinkedHashMap<>();
    tx.sql(sql + " ORDER BY " + order, values.toArray())
        .map(r -> Map.entry(key(r, keyColumns), r.getLong(keyColumns + 1)))
        .list()
        .forEach(e -> rows.put(e.getKey(), e.getValue()));
    return rows;
  }

  private String where(Range range, List<Object> values) {
    List<String> conditions = new ArrayList<>();
    @Nullable Key lower = range.lower();
    @Nullable Key upper = range.upper();
    if (lower != null) {
      conditions.add("(" + keys + ") > " + bounds);
      values.addAll(lower.values());
    }
    if (upper != null) {
      conditions.add("(" + keys + ") <= " + bounds);
      values.addAll(upper.values());
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static Key key(ResultSet row, int columns) throws SQLException {
    List<String> values = new ArrayList<>(columns);
    for (int i = 1; i <= columns; i++) {
      values.add(row.getString(i));
    }
    return new Key(values);
  }
}
