package dev.pgpipe.bench.copy;

import com.sun.management.OperatingSystemMXBean;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Runs every variant, one after another, into a freshly created table, timing each load and its
 * client CPU, then checks the table's row count and checksum against the generated rows. Not
 * thread-safe.
 */
final class LoadRunner {

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Database db;
  private final Database rewritingDb;
  private final Trade[] rows;
  private final BigDecimal checksum;
  private final String serverFile;
  private final int connections;
  private final PrintWriter out;
  private boolean exported;
  private boolean checkpoints = true;

  /**
   * @param rewritingDb connects with {@code reWriteBatchedInserts=true}, for the INSERT variant
   * @param serverFile where the server writes and reads the binary file, on its own disk
   */
  LoadRunner(
      Database db,
      Database rewritingDb,
      Trade[] rows,
      String serverFile,
      int connections,
      PrintWriter out) {
    this.db = db;
    this.rewritingDb = rewritingDb;
    this.rows = rows; // read only
    this.checksum = Trades.checksum(rows);
    this.serverFile = serverFile;
    this.connections = connections;
    this.out = out;
  }

  /**
   * Runs the client-side variants once, untimed (only their row counts checked), on the first
   * {@code count} rows, so that JIT compilation is neither timed nor counted as client CPU in the
   * measured loads.
   */
  void warmUp(int count) {
    Trade[] prefix = Arrays.copyOf(rows, Math.min(count, rows.length));
    List<ToLongFunction<Database>> loads =
        List.of(
            d -> Loads.pgpipeOne(d, prefix),
            d -> Loads.pgpipeMany(d, prefix, connections),
            d -> Loads.csvText(d, prefix));
    long loaded = 0;
    for (ToLongFunction<Database> load : loads) {
      freshTable(false);
      loaded += load.applyAsLong(db);
    }
    freshTable(false);
    loaded += Loads.insertBatched(rewritingDb, prefix);
    if (loaded != 4L * prefix.length) {
      throw new IllegalStateException(
          "the warm-up loads reported " + loaded + " rows, not 4 x " + prefix.length);
    }
  }

  /** Every variant with or without the primary key, in a fixed order. */
  List<Load> runAll(boolean primaryKey) {
    List<Load> loads = new ArrayList<>();
    loads.add(run("pgpipe_1", primaryKey, d -> Loads.pgpipeOne(d, rows), db));
    exportOnce();
    loads.add(run("pgpipe_k", primaryKey, d -> Loads.pgpipeMany(d, rows, connections), db));
    loads.add(run("csv_text", primaryKey, d -> Loads.csvText(d, rows), db));
    loads.add(run("insert_batched", primaryKey, d -> Loads.insertBatched(d, rows), rewritingDb));
    loads.add(run("server_file", primaryKey, d -> Loads.serverFile(d, serverFile), db));
    return loads;
  }

  private Load run(
      String variant, boolean primaryKey, ToLongFunction<Database> load, Database target) {
    freshTable(primaryKey);
    System.gc();
    long cpuBefore = OS.getProcessCpuTime();
    long start = System.nanoTime();
    long reported = load.applyAsLong(target);
    long nanos = System.nanoTime() - start;
    long cpu = OS.getProcessCpuTime() - cpuBefore;
    long counted = verify(variant, reported);
    Load result = new Load(variant, primaryKey, counted, nanos, cpu);
    out.printf(
        "  %-15s %-6s %,12.0f rows/s %8.2f s  client %.2f cores  count and checksum ok%n",
        variant,
        primaryKey ? "pk" : "no pk",
        result.rowsPerSecond(),
        result.seconds(),
        result.clientCores());
    out.flush();
    return result;
  }

  private void freshTable(boolean primaryKey) {
    db.sql("DROP TABLE IF EXISTS " + Trades.TABLE).update();
    db.sql(Trades.createSql(primaryKey)).update();
    if (checkpoints) {
      try {
        db.sql("CHECKPOINT").update(); // the previous load's dirty pages are not this one's cost
      } catch (PgException e) {
        checkpoints = false;
        out.println("  (no CHECKPOINT between loads: " + e.getMessage() + ")");
      }
    }
  }

  private long verify(String variant, long reported) {
    Map<String, @Nullable Object> found = db.sql(Trades.checksumSql()).asMaps().one();
    long count = ((Number) Objects.requireNonNull(found.get("n"))).longValue();
    BigDecimal sum = new BigDecimal(String.valueOf(found.get("checksum")));
    if (count != rows.length || sum.compareTo(checksum) != 0 || reported != rows.length) {
      throw new IllegalStateException(
          variant
              + " loaded the wrong rows: expected "
              + rows.length
              + " rows with checksum "
              + checksum
              + ", the load reported "
              + reported
              + " and the table holds "
              + count
              + " with checksum "
              + sum);
    }
    return count;
  }

  private void exportOnce() {
    if (!exported) {
      long written = Loads.exportFile(db, serverFile);
      out.printf("  (the server wrote %,d rows to %s with COPY TO)%n", written, serverFile);
      exported = true;
    }
  }
}
