package dev.pgpipe.bench.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench nats}' figures come from the target table's clocks, of the workload's rows alone: a
 * warm-up written before the workload, with ids after its ids, stays out of the lag and the span.
 */
@WithPostgres
class BenchDatabasesTest {

  @Test
  void lagAndSpan_readTheWorkloadsRowsOnly_notTheWarmUpsAfterThem(TestDatabase server) {
    ConnectionSettings admin = ConnectionSettings.parse(server.url());
    try (BenchDatabases dbs = BenchDatabases.create(admin, List.of("t"), List.of());
        Database target =
            Database.builder().settings(admin.withDatabase(BenchDatabases.TARGET_DB)).open()) {
      String insert =
          "INSERT INTO t (id, v, tx, written_at, applied_at) VALUES (?, 'v', ?,"
              + " timestamptz '2026-01-01 00:00:00+00' + ? * interval '1 ms',"
              + " timestamptz '2026-01-01 00:00:00+00' + ? * interval '1 ms')";
      target.sql(insert, 1, 1, 0, 10).update(); // the workload: two transactions,
      target.sql(insert, 2, 1, 0, 10).update(); // 10 ms and 20 ms behind
      target.sql(insert, 3, 2, 1000, 1020).update();
      target.sql(insert, 4, 2, 1000, 1020).update();
      target.sql(insert, 5, 3, -100_000, -99_500).update(); // the warm-up: earlier, 500 ms behind
      target.sql(insert, 6, 3, -100_000, -99_500).update();

      double[] lag = dbs.lagAndSpan("t", 4);

      assertThat(lag[0]).as("p50").isCloseTo(0.015, within(1e-9));
      assertThat(lag[2]).as("max").isCloseTo(0.020, within(1e-9));
      assertThat(lag[3]).as("span").isCloseTo(1.020, within(1e-9));
      assertThat(dbs.lagAndSpan("t", 6)[2]).as("with the warm-up").isCloseTo(0.5, within(1e-9));
    }
  }
}
