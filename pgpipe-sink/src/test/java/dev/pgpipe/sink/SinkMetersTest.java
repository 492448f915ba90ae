package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.value.ValueKind;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows are counted by table and operation, whatever the order of the tables in a batch. */
class SinkMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void record() {
    Metrics.globalRegistry.add(registry);
  }

  @AfterEach
  void stopRecording() {
    Metrics.globalRegistry.remove(registry);
  }

  @Test
  void countsEveryRowOfInterleavedTablesAndOperationsOnce() {
    TableSchema a = table("a");
    TableSchema b = table("b");
    Transaction first = tx(1, event(a, Operation.INSERT), event(a, Operation.INSERT));
    Transaction second =
        tx(2, event(b, Operation.UPDATE), event(a, Operation.DELETE), event(a, Operation.INSERT));
    Transaction third = tx(3, event(b, Operation.UPDATE), event(b, Operation.INSERT));
    SinkMeters meters = new SinkMeters("meters_test");

    meters.applied(List.of(first, second), result(5), 1_000);
    meters.applied(List.of(third), result(2), 1_000);

    assertThat(rows("public.a", "insert")).isEqualTo(3);
    assertThat(rows("public.a", "delete")).isEqualTo(1);
    assertThat(rows("public.b", "update")).isEqualTo(2);
    assertThat(rows("public.b", "insert")).isEqualTo(1);
    assertThat(rows("public.a", "update")).isZero();
    assertThat(registry.get("pgpipe_sink_batches").counter().count()).isEqualTo(2);
  }

  private double rows(String table, String operation) {
    var counter =
        registry
            .find("pgpipe_sink_rows_applied")
            .tags("source", "meters_test", "table", table, "operation", operation)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static TableSchema table(String name) {
    return new TableSchema(
        "public",
        name,
        'd',
        List.of(new Column("id", "int8", 20, ValueKind.INT64, false, false, true)));
  }

  private static ChangeEvent event(TableSchema table, Operation operation) {
    return new ChangeEvent(
        operation,
        table,
        null,
        Map.of("id", 1L),
        null,
        0,
        new EventPosition(1, 1, Instant.EPOCH, 0));
  }

  private static Transaction tx(long commit, ChangeEvent... events) {
    return new Transaction(
        commit, commit - 1, commit, commit + 8, Instant.EPOCH, List.of(events), 0, true);
  }

  private static ApplyResult result(long events) {
    return new ApplyResult(events, 0, 0, 0, Position.NONE);
  }
}
