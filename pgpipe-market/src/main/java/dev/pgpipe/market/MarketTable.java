package dev.pgpipe.market;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.copy.MappedColumn;
import dev.pgpipe.copy.Table;
import dev.pgpipe.dbn.DbnRecord;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The PostgreSQL table of one DBN schema and the transform that turns its record type into rows.
 *
 * <p>Every table starts with the record's timestamps ({@code ts_recv} and {@code ts_event} as
 * timestamptz, plus {@code ts_recv_ns} and {@code ts_event_ns} int8 with the exact nanoseconds),
 * {@code publisher_id}, {@code instrument_id}, {@code symbol} and {@code tie}, followed by the
 * record's fields under their DBN names. The primary key is ({@code keyColumn}, instrument_id,
 * publisher_id, tie): {@code keyColumn} is {@code ts_recv_ns}, or {@code ts_event_ns} for bars, and
 * {@code tie} numbers the records that share the rest of the key, in file order, so loading the
 * same records again (from the same file, another version of it, or a live replay) adds nothing.
 * Immutable and thread-safe.
 *
 * @param name the table's name without prefix, e.g. {@code mbp_10}
 * @param recordType the DBN record type whose rows it holds
 * @param keyColumn the key's timestamp column, {@code ts_recv_ns} or {@code ts_event_ns}
 * @param keyTime reads the key's timestamp from a record
 * @param table the definition, in schema {@code public} under {@code name}; see {@link #in}
 * @param priceColumns the fixed-point price columns (int8, scale 1e-9)
 */
public record MarketTable<M extends DbnRecord>(
    String name,
    Class<M> recordType,
    String keyColumn,
    ToLongFunction<M> keyTime,
    Table<MarketRow<M>> table,
    List<String> priceColumns) {

  /** Copies the list. */
  public MarketTable {
    priceColumns = List.copyOf(priceColumns);
  }

  /** This table in {@code schema}, named {@code prefix + name}. */
  public Table<MarketRow<M>> in(String schema, String prefix) {
    return new Table<>(schema, prefix + name, table.columns(), table.primaryKey());
  }

  /**
   * {@code CREATE OR REPLACE VIEW <table>_decimal}: the same columns, with every price as {@code
   * numeric(19,9)} (NULL where the price is UNDEF, i64 max).
   */
  public String decimalViewSql(String schema, String prefix) {
    Table<MarketRow<M>> target = in(schema, prefix);
    StringBuilder sql = new StringBuilder("CREATE OR REPLACE VIEW ");
    sql.append(Identifier.quote(schema, prefix + name + "_decimal"));
    sql.append(" AS SELECT ");
    for (int i = 0; i < target.columns().size(); i++) {
      MappedColumn<MarketRow<M>> column = target.columns().get(i);
      String quoted = Identifier.quote(column.name());
      sql.append(i == 0 ? "" : ", ");
      if (priceColumns.contains(column.name())) {
        sql.append("(NULLIF(").append(quoted).append(", 9223372036854775807)::numeric");
        sql.append(" / 1000000000)::numeric(19,9) AS ").append(quoted);
      } else {
        sql.append(quoted);
      }
    }
    return sql.append(" FROM ").append(target.qualifiedName()).toString();
  }
}
