package dev.pgpipe.cdc;

import dev.pgpipe.cdc.value.ResolvedType;
import dev.pgpipe.cdc.value.TypeRegistry;
import dev.pgpipe.cdc.value.ValueDecoder;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.PgException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the published tables as {@link Operation#SNAPSHOT} events (an empty table as one {@link
 * EmptyTableMark}, whatever operations the filter keeps), several tables at once, each reader in a
 * {@code REPEATABLE READ} transaction that imported the same exported snapshot: the rows are
 * exactly those committed before the slot's consistent point. Values are read as the server's text
 * output and decoded like streamed ones.
 */
final class SnapshotCopier {

  private static final Logger log = LoggerFactory.getLogger(SnapshotCopier.class);
  private static final int FETCH_SIZE = 2000;

  private final CdcConfig config;
  private final SourceCatalog catalog;
  private final TypeRegistry types;
  private final ValueDecoder values;
  private final Consumer<Transaction> out;

  SnapshotCopier(
      CdcConfig config, SourceCatalog catalog, TypeRegistry types, Consumer<Transaction> out) {
    this.config = config;
    this.catalog = catalog;
    this.types = types;
    this.values = new ValueDecoder(types);
    this.out = out;
  }

  /** Copies every wanted table in the snapshot; returns the number of rows. */
  long copy(String snapshotName, long consistentPoint) {
    List<String> tables = new ArrayList<>();
    for (String table : catalog.publishedTables(config.publication())) {
      int dot = table.indexOf('.');
      if (config.filter().accepts(table.substring(0, dot), table.substring(dot + 1))) {
        tables.add(table);
      }
    }
    Instant started = Instant.now();
    ExecutorService pool = Executors.newFixedThreadPool(config.tuning().snapshotParallelism());
    try {
      List<Future<Long>> copies = new ArrayList<>();
      for (String table : tables) {
        copies.add(pool.submit(() -> copyTable(table, snapshotName, consistentPoint, started)));
      }
      long rows = 0;
      for (Future<Long> copy : copies) {
        rows += copy.get();
      }
      log.info("snapshot copied {} rows of {} tables", rows, tables.size());
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Delivery.Stopped();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new PgException("snapshot failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private long copyTable(String table, String snapshotName, long consistentPoint, Instant time) {
    try (Connection connection = Connections.regular(config.connection())) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        statement.execute("SET TRANSACTION SNAPSHOT '" + snapshotName.replace("'", "''") + "'");
        TableSchema schema = new TableDescriber(catalog, types).describe(table);
        List<ResolvedType> resolved =
            schema.columns().stream().map(c -> types.resolve(c.typeOid())).toList();
        statement.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = statement.executeQuery(select(schema))) {
          return emitRows(rs, schema, resolved, new Part(consistentPoint, time));
        } finally {
          connection.commit();
        }
      }
    } catch (SQLException e) {
      throw PgException.from(e, "snapshot of " + table + " failed");
    }
  }

  private static String select(TableSchema schema) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < schema.columns().size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append(Identifier.quote(schema.columns().get(i).name()))
          .append("::text");
    }
    if (schema.columns().isEmpty()) {
      sql.append("1");
    }
    return sql.append(" FROM ").append(TableNames.quote(schema.qualifiedName())).toString();
  }

  /** Chunks rows into parts of {@code maxEventsPerPart}. */
  private final class Part {
    final long lsn;
    final Instant time;
    List<ChangeEvent> events = new ArrayList<>();
    int part;

    Part(long lsn, Instant time) {
      this.lsn = lsn;
      this.time = time;
    }

    void send(boolean last) {
      out.accept(new Transaction(0, lsn, lsn, 0, time, events, part++, last));
      events = new ArrayList<>();
    }
  }

  private long emitRows(ResultSet rs, TableSchema schema, List<ResolvedType> resolved, Part part)
      throws SQLException {
    long rows = 0;
    while (rs.next()) {
      if (part.events.size() == config.maxEventsPerPart()) {
        part.send(false);
      }
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      for (int i = 0; i < resolved.size(); i++) {
        Column column = schema.columns().get(i);
        String text = rs.getString(i + 1);
        row.put(
            column.name(),
            text == null ? null : values.decode(text, resolved.get(i), column.typeOid()));
      }
      part.events.add(
          new ChangeEvent(
              Operation.SNAPSHOT,
              schema,
              null,
              row,
              null,
              0,
              new EventPosition(0, 0, part.time, part.events.size())));
      rows++;
    }
    if (rows == 0) { // part of the snapshot, like its rows: no operations filter leaves it out
      EmptyTableMark mark = new EmptyTableMark(schema.schema(), schema.name());
      part.events.add(mark.event(new EventPosition(0, 0, part.time, 0)));
    }
    if (!part.events.isEmpty()) {
      part.send(true);
    }
    return rows;
  }
}
