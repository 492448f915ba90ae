package dev.pgpipe.client;

/**
 * Adds a column that an older version's table lacks, without locking a table that has it.
 *
 * <p>{@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS} takes the table's {@code ACCESS EXCLUSIVE}
 * lock before it looks for the column, so running it at every start, as a table's upgrade, waits
 * behind any session that read the table and has not ended its transaction (a forgotten {@code
 * psql}), and every reader and writer of the table then queues behind it: one idle session stalls
 * the whole pipeline. The statement made here first looks the column up in {@code pg_attribute},
 * which takes no lock on the table, and alters the table only when the column is missing.
 */
public final class ColumnUpgrade {

  private ColumnUpgrade() {}

  /**
   * A statement ({@code DO} block) that adds {@code column} with {@code definition} to {@code
   * table} when it lacks it, and does nothing otherwise. The table must exist.
   *
   * @param table the table, quoted and qualified as SQL takes it ({@link Identifier#quote})
   * @param column the column's name, unquoted
   * @param definition the column's type and constraints, as SQL ({@code int NOT NULL DEFAULT 1})
   */
  public static String sql(String table, String column, String definition) {
    String alter =
        "ALTER TABLE "
            + table
            + " ADD COLUMN IF NOT EXISTS "
            + Identifier.quote(column)
            + " "
            + definition;
    String body =
        "BEGIN IF NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass("
            + SqlLiteral.quote(table)
            + ") AND attname = "
            + SqlLiteral.quote(column)
            + " AND NOT attisdropped) THEN EXECUTE "
            + SqlLiteral.quote(alter)
            + "; END IF; END";
    return "DO " + SqlLiteral.quote(body);
  }
}
