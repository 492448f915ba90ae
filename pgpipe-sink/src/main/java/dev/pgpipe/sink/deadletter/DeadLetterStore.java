package dev.pgpipe.sink.deadletter;

import dev.pgpipe.client.Database;
import java.util.List;
import java.util.Optional;

/**
 * The dead letters of one store ({@link Origin}) in one database: listed in replay order (commit
 * LSN, event index, id), looked up by id, discarded. Creates nothing: a database without the
 * store's table lists nothing. Thread-safe.
 */
public final class DeadLetterStore {

  private final Database db;
  private final StoreSql sql;

  private DeadLetterStore(Database db, StoreSql sql) {
    this.db = db;
    this.sql = sql;
  }

  /** The table sink's letters, {@code <schema>.sink_dead_letters} in the target {@code db}. */
  public static DeadLetterStore sink(Database db, String schema) {
    return new DeadLetterStore(db, StoreSql.sink(schema));
  }

  /** The buffer's letters, {@code <schema>.cdc_dead_letters} in the buffer's {@code db}. */
  public static DeadLetterStore buffer(Database db, String schema) {
    return new DeadLetterStore(db, StoreSql.buffer(schema));
  }

  public Origin origin() {
    return sql.origin();
  }

  /** The quoted table that keeps the letters. */
  public String table() {
    return sql.table();
  }

  /** Whether the store's table exists. */
  public boolean exists() {
    return db.withJdbcConnection(sql::exists);
  }

  /** The letters {@code filter} selects, in replay order; empty when the table does not exist. */
  public List<DeadLetter> list(LetterFilter filter) {
    return db.withJdbcConnection(c -> sql.exists(c) ? sql.select(c, filter, "") : List.of());
  }

  /** The letter with this id. */
  public Optional<DeadLetter> find(long id) {
    return list(new LetterFilter(List.of(id), null, null, null)).stream().findFirst();
  }

  /** Deletes the letters {@code filter} selects, in one transaction; returns how many. */
  public int discard(LetterFilter filter) {
    return db.inTransaction(
        tx -> db.withJdbcConnection(c -> sql.exists(c) ? sql.delete(c, filter) : 0));
  }

  StoreSql sql() {
    return sql;
  }

  Database database() {
    return db;
  }
}
