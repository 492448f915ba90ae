package dev.pgpipe.client;

/**
 * Brings a table of pgpipe's own (buffer, dead letters, ledgers) up to date at start: adds the
 * column or index that an older version's table lacks, without locking a table that has it.
 *
 * <p>{@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS} takes the table's {@code ACCESS EXCLUSIVE}
 * lock before it looks for the column, and {@code CREATE INDEX IF NOT EXISTS} its {@code SHARE}
 * lock before it looks for the index. Run at every start, the first waits behind any session that
 * read the table and has not ended its transaction (a forgotten {@code psql}), the second behind
 * any open transaction that wrote it (the other process of a pipeline, mid-batch); and every later
 * reader or writer of the table queues behind the waiting statement, so one idle session stalls the
 * whole pipeline. The statements made here first look the column up in {@code pg_attribute} or the
 * index in {@code pg_class}, which takes no lock on the table, and change the table only when it
 * lacks them.
 */
public final class SchemaUpgrade {

  private SchemaUpgrade() {}

  /**
   * A statement ({@code DO} block) that adds {@code column} with {@code definition} to {@code
   * table} when it lacks it, and does nothing otherwise. The table must exist.
   *
   * @param table the table, quoted and qualified as SQL takes it ({@link Identifier#quote})
   * @param column the column's name, unquoted
   * @param definition the column's type and constraints, as SQL ({@code int NOT NULL DEFAULT 1})
   */
  public static String column(String table, String column, String definition) {
    String alter =
        "ALTER TABLE "
            + table
            + " ADD COLUMN IF NOT EXISTS "
            + Identifier.quote(column)
            + " "
            + definition;
    return ifNot(
        "EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass("
            + SqlLiteral.quote(table)
            + ") AND attname = "
            + SqlLiteral.quote(column)
            + " AND NOT attisdropped)",
        alter);
  }

  /**
   * A statement ({@code DO} block) that creates index {@code name} of {@code schema} with {@code
   * columns} on {@code table} when there is no relation of that name, and does nothing otherwise.
   *
   * @param schema the schema of the table and the index, quoted ({@link Identifier#quote})
   * @param name the index's name, unquoted
   * @param table the table, quoted and qualified as SQL takes it
   * @param columns what follows the table in {@code CREATE INDEX}: {@code (a, b) WHERE c IS NULL}
   */
  public static String index(String schema, String name, String table, String columns) {
    String index = schema + "." + Identifier.quote(name);
    String create =
        "CREATE INDEX IF NOT EXISTS " + Identifier.quote(name) + " ON " + table + " " + columns;
    return ifNot("to_regclass(" + SqlLiteral.quote(index) + ") IS NOT NULL", create);
  }

  private static String ifNot(String condition, String statement) {
    String body =
        "BEGIN IF NOT "
            + condition
            + " THEN EXECUTE "
            + SqlLiteral.quote(statement)
            + "; END IF; END";
    return "DO " + SqlLiteral.quote(body);
  }
}
