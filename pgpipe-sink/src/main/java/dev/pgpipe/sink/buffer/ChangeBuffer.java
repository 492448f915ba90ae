package dev.pgpipe.sink.buffer;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.CopyText;
import dev.pgpipe.sink.MigrationLock;
import dev.pgpipe.sink.Position;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffer table {@code <schema>.cdc_events}: created and migrated idempotently, written with
 * COPY, read by several workers at once with {@code FOR UPDATE SKIP LOCKED}, marked processed,
 * cleaned up after the retention. Writes are exactly once per source: {@code
 * <schema>.cdc_buffer_sources} records the last buffered (commit LSN, event index) in the same
 * transaction as the rows, and events at or below it are not written again. Thread-safe.
 */
public final class ChangeBuffer {

  private final Database db;
  private final BufferConfig config;
  private final BufferSql sql;
  private final EventRows rows = new EventRows();

  public ChangeBuffer(Database db, BufferConfig config) {
    this.db = db;
    this.config = config;
    this.sql = new BufferSql(config.schema());
  }

  /** Creates schema, tables and indexes when missing; safe to run from several processes. */
  public void migrate() {
    db.useTransaction(
        tx -> {
          MigrationLock.take(tx);
          sql.migrate().forEach(statement -> tx.sql(statement).update());
        });
  }

  /**
   * Whether a change streamed after the initial snapshot was buffered for {@code sourceId}: the
   * stream delivers every snapshot row before any such change, so the whole snapshot is buffered
   * then, and a restart must resume the slot rather than take the snapshot again (see {@link
   * dev.pgpipe.cdc.CdcConfig#afterSnapshot()}).
   */
  public boolean holdsStreamedChanges(String sourceId) {
    return db.inTransaction(
        tx -> db.withJdbcConnection(c -> sql.lockSource(c, sourceId).commitLsn() > 0));
  }

  /**
   * Writes the transactions' events in one transaction (COPY) and returns how many were new; events
   * this source buffered before (a replay after a crash) are left out.
   */
  public long write(String sourceId, List<Transaction> batch) {
    return db.inTransaction(
        tx -> db.withJdbcConnection(connection -> write(tx, connection, sourceId, batch)));
  }

  private long write(
      RunningTransaction target, Connection connection, String sourceId, List<Transaction> batch)
      throws SQLException {
    Position at = sql.lockSource(connection, sourceId);
    StringBuilder data = new StringBuilder();
    long count = 0;
    Position next = at;
    for (Transaction tx : batch) {
      for (ChangeEvent event : tx.events()) {
        if (!at.covers(tx, event)) {
          line(data, sourceId, tx, event);
          count++;
        }
      }
      next = next.after(tx);
    }
    if (count > 0) {
      target.copyIn(
          sql.copy(), new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
    }
    sql.saveSource(connection, sourceId, next);
    return count;
  }

  private void line(StringBuilder out, String sourceId, Transaction tx, ChangeEvent event) {
    boolean last = tx.lastPart() && event == tx.events().get(tx.size() - 1);
    EventRows.Json json = rows.split(tx, event, last);
    String schema = event.table() == null ? null : event.table().schema();
    String table = event.table() == null ? null : event.table().name();
    Object[] fields = {
      sourceId,
      schema,
      table,
      event.operation().label(),
      Lsn.format(event.lsn()),
      event.xid(),
      json.keys(),
      json.before(),
      json.after(),
      event.commitTime().toString(),
      json.metadata()
    };
    for (int i = 0; i < fields.length; i++) {
      out.append(i == 0 ? "" : "\t");
      Object field = fields[i];
      CopyText.appendField(out, field == null ? null : field.toString());
    }
    out.append('\n');
  }

  /**
   * Locks and returns up to {@code limit} unprocessed events of the source in id order, skipping
   * rows other workers hold. Call inside {@code db.inTransaction}: the locks last until it ends.
   */
  public List<BufferedEvent> claim(String sourceId, int limit) {
    return db.withJdbcConnection(
        connection -> {
          List<BufferedEvent> claimed = new ArrayList<>();
          try (PreparedStatement s = connection.prepareStatement(sql.claim())) {
            s.setString(1, sourceId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                claimed.add(
                    rows.join(
                        rs.getLong(1),
                        sourceId,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4)));
              }
            }
          }
          return claimed;
        });
  }

  /** Marks the events processed (in the caller's transaction, if any). */
  public void markProcessed(List<BufferedEvent> events) {
    Long[] ids = events.stream().map(BufferedEvent::id).toArray(Long[]::new);
    db.withJdbcConnection(
        connection -> {
          try (PreparedStatement s = connection.prepareStatement(sql.markProcessed())) {
            s.setArray(1, connection.createArrayOf("int8", ids));
            return s.executeUpdate();
          }
        });
  }

  /** Moves the events to the dead-letter table with the error, and marks them processed. */
  public void deadLetter(List<BufferedEvent> events, String error) {
    Long[] ids = events.stream().map(BufferedEvent::id).toArray(Long[]::new);
    db.withJdbcConnection(
        connection -> {
          try (PreparedStatement s = connection.prepareStatement(sql.deadLetter())) {
            s.setString(1, error);
            s.setArray(2, connection.createArrayOf("int8", ids));
            s.executeUpdate();
          }
          return Boolean.TRUE;
        });
    markProcessed(events);
  }

  /** Deletes processed events older than the retention; returns how many. */
  public long cleanup() {
    return db.sql(sql.cleanup(), config.retention().toSeconds()).update();
  }

  public BufferStatus status() {
    return db.sql(sql.status())
        .map(
            r ->
                new BufferStatus(
                    r.getLong(1), Duration.ofMillis(r.getLong(2)), r.getLong(3), r.getLong(4)))
        .one();
  }

  public BufferConfig config() {
    return config;
  }

  Database database() {
    return db;
  }
}
