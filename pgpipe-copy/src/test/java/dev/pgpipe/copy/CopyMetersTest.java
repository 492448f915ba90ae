package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A writer's meters count what it committed, read its own counters, and go when it closes. */
@WithPostgres
class CopyMetersTest {

  @PgTable(name = "metered")
  record Metered(long id, int kind) {}

  @Test
  void rowsBytesAndBatchesCommitted_areServed_andRemovedOnClose(TestDatabase database) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.globalRegistry.add(registry);
    try (Database db = Database.open(database.url())) {
      db.sql("CREATE TABLE metered (id int8 NOT NULL, kind int4 NOT NULL)").update();
      BatchWriter<Metered> writer =
          BatchWriter.builder(db, Table.of(Metered.class)).maxRows(100).open();
      try (writer) {
        writer.writeAll(IntStream.range(0, 1_001).mapToObj(i -> new Metered(i, i % 3)).toList());
        writer.flush();

        assertThat(count(registry, "pgpipe_copy_rows")).isEqualTo(1_001);
        assertThat(count(registry, "pgpipe_copy_batches")).isEqualTo(11); // 100 x 10 + 1
        assertThat(count(registry, "pgpipe_copy_bytes")).isEqualTo(writer.stats().bytes());
        assertThat(count(registry, "pgpipe_copy_retries")).isZero();
        assertThat(registry.get("pgpipe_copy_pending_limit_bytes").gauge().value())
            .isEqualTo(64.0 * 1024 * 1024);
        assertThat(registry.find("pgpipe_copy_blocked_seconds").functionCounter()).isNotNull();
      }
      assertThat(Search.in(registry).name(n -> n.startsWith("pgpipe_copy_")).meters())
          .as("removed when the writer closed")
          .isEmpty();
    } finally {
      Metrics.globalRegistry.remove(registry);
      registry.close();
    }
  }

  private static double count(SimpleMeterRegistry registry, String name) {
    return registry.get(name).tag("table", "public.metered").functionCounter().count();
  }
}
