package dev.pgpipe.market;

/**
 * Where the market tables live: a PostgreSQL schema and a prefix for the table names. Parsed from
 * {@code --schema-prefix}: {@code "glbx_"} gives {@code public.glbx_trades}, {@code "market."}
 * gives {@code market.trades}, {@code "market.glbx_"} gives {@code market.glbx_trades}. Immutable.
 *
 * @param schema the PostgreSQL schema, e.g. {@code public}
 * @param prefix prepended to every table name; may be empty
 */
public record TablePrefix(String schema, String prefix) {

  /** Checks the schema. */
  public TablePrefix {
    if (schema.isEmpty()) {
      throw new IllegalArgumentException("the schema must not be empty");
    }
  }

  /** Tables in {@code public} without prefix. */
  public static TablePrefix none() {
    return new TablePrefix("public", "");
  }

  /** Parses {@code [schema.]prefix}. */
  public static TablePrefix parse(String text) {
    int dot = text.indexOf('.');
    if (dot < 0) {
      return new TablePrefix("public", text);
    }
    if (dot == 0 || text.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException(
          "a schema prefix is [schema.]prefix, e.g. market. or market.glbx_ or glbx_: " + text);
    }
    return new TablePrefix(text.substring(0, dot), text.substring(dot + 1));
  }

  /** The qualified name of a table, e.g. {@code market.glbx_trades}. */
  public String qualify(String table) {
    return schema + "." + prefix + table;
  }
}
