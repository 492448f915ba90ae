package dev.pgpipe.bench.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.StatementSink;
import dev.pgpipe.sink.TableSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Times the two apply paths on the same changes, each into a fresh table: {@link TableSink} (one
 * target transaction per batch, set-based, ledger included) and {@link StatementSink} (the same
 * batches, one transaction each, prepared upserts sent with {@code executeBatch}). Not thread-safe.
 */
final class ApplyPaths {

  static final String SET_TABLE = "bench_sink_set";
  static final String STATEMENT_TABLE = "bench_sink_statements";
  static final String CEILING_TABLE = "bench_sink_ceiling";

  private final Database db;
  private final int perTransaction;
  private final int perBatch;
  private final int live;

  /** {@code live}: the open rows of the {@link SinkWorkload.Shape#ORDERS} workload. */
  ApplyPaths(Database db, int perTransaction, int perBatch, int live) {
    this.db = db;
    this.perTransaction = perTransaction;
    this.perBatch = perBatch;
    this.live = live;
  }

  /** The set-based path's time for all changes into {@code table} (recreated). */
  Duration setBased(String table, int count, SinkWorkload.Shape shape) {
    recreate(table);
    List<List<Transaction>> batches = batches(table, count, shape);
    SinkConfig config =
        SinkConfig.builder()
            .sourceId("bench_sink_" + table)
            .tables(List.of(table))
            .batchSize(Math.min(1000, perBatch))
            .build();
    try (TableSink sink = TableSink.using(db, config)) {
      sink.reset(List.of(table));
      long start = System.nanoTime();
      batches.forEach(sink::apply);
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }

  /** The batched-statement path's time for all changes into {@code table} (recreated). */
  Duration statements(String table, int count, SinkWorkload.Shape shape) {
    recreate(table);
    List<List<Transaction>> batches = batches(table, count, shape);
    StatementSink sink = new StatementSink(db);
    long start = System.nanoTime();
    batches.forEach(sink::apply);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** {@link UpsertCeiling}'s time for all changes into {@code table} (recreated). */
  Duration ceiling(String table, int count, SinkWorkload.Shape shape) {
    recreate(table);
    return new UpsertCeiling(db).run(table, batches(table, count, shape));
  }

  /**
   * What shapes both paths' work for {@code count} changes: the distinct keys of each target
   * transaction (the rows the set-based path stages), and the {@code executeBatch} calls the
   * statement path makes, one per run of changes with the same statement (it must flush at every
   * switch between upsert and delete to keep the order of changes).
   */
  WorkloadFacts facts(int count, SinkWorkload.Shape shape) {
    long keys = 0;
    long statementBatches = 0;
    for (List<Transaction> batch : batches("facts", count, shape)) {
      Set<Object> distinct = new HashSet<>();
      boolean deleting = false;
      boolean first = true;
      for (Transaction tx : batch) {
        for (ChangeEvent event : tx.events()) {
          Map<String, @Nullable Object> row =
              event.after() != null ? event.after() : event.before();
          distinct.add(Objects.requireNonNull(row).get("id"));
          boolean delete = event.operation() == Operation.DELETE;
          if (first || delete != deleting) {
            statementBatches++;
          }
          first = false;
          deleting = delete;
        }
      }
      keys += distinct.size();
    }
    return new WorkloadFacts(keys, statementBatches);
  }

  void drop(String table) {
    db.sql("DROP TABLE IF EXISTS " + table).update();
  }

  private void recreate(String table) {
    drop(table);
    db.sql("CREATE TABLE " + table + " " + SinkWorkload.COLUMNS).update();
  }

  /** The workload for {@code table}, cut into apply batches of whole transactions. */
  private List<List<Transaction>> batches(String table, int count, SinkWorkload.Shape shape) {
    List<Transaction> all =
        SinkWorkload.generate(table, count, perTransaction, 1_000_000, shape, live);
    List<List<Transaction>> out = new ArrayList<>();
    List<Transaction> batch = new ArrayList<>();
    int events = 0;
    for (Transaction tx : all) {
      batch.add(tx);
      events += tx.size();
      if (events >= perBatch) {
        out.add(List.copyOf(batch));
        batch.clear();
        events = 0;
      }
    }
    if (!batch.isEmpty()) {
      out.add(List.copyOf(batch));
    }
    return out;
  }
}
