package dev.pgpipe.bench.client;

import dev.pgpipe.bench.BenchUrl;
import dev.pgpipe.client.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Primary-key lookups and single-row inserts through the client layer and through raw pgjdbc, on
 * connections of the same pool and the same tables, so the difference is the client's own cost. The
 * database URL is read from the file named by the system property {@value #URL_FILE_PROPERTY}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientOverheadBenchmark {

  /** Names a file holding the database URL (a file, so a password never shows in JVM options). */
  public static final String URL_FILE_PROPERTY = "pgpipe.bench.urlFile";

  static final int ROWS = 100_000;
  private static final String LOOKUP = "SELECT id, name, qty, price FROM bench_items WHERE id = ?";
  private static final String INSERT =
      "INSERT INTO bench_inserts (id, name, qty, price) VALUES (?, ?, ?, ?)";

  /** One row of the lookup table. */
  public record Item(long id, String name, int qty, double price) {}

  private final AtomicLong nextId = new AtomicLong();

  @SuppressWarnings("NullAway.Init") // set by JMH's @Setup before any benchmark runs
  private Database db;

  @Setup(Level.Trial)
  public void setUp() {
    db = Database.builder().url(BenchUrl.read(URL_FILE_PROPERTY)).maxSize(4).name("bench").open();
    db.sql(
            "CREATE TABLE IF NOT EXISTS bench_items"
                + " (id int8 PRIMARY KEY, name text NOT NULL, qty int4 NOT NULL, price float8 NOT NULL)")
        .update();
    if (db.sql("SELECT count(*) FROM bench_items").scalar(Long.class) != ROWS) {
      db.sql("TRUNCATE bench_items").update();
      db.sql(
              "INSERT INTO bench_items SELECT g, 'item ' || g, g % 100, g / 3.0"
                  + " FROM generate_series(1, ?) g",
              ROWS)
          .update();
      db.sql("VACUUM ANALYZE bench_items").update();
    }
    db.sql("DROP TABLE IF EXISTS bench_inserts").update();
    db.sql("CREATE TABLE bench_inserts (LIKE bench_items INCLUDING ALL)").update();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    db.sql("DROP TABLE IF EXISTS bench_inserts").update();
    db.close();
  }

  private static long randomId() {
    return ThreadLocalRandom.current().nextLong(1, ROWS + 1);
  }

  @Benchmark
  public Item lookupClient() {
    return db.sql(LOOKUP, randomId()).as(Item.class).one();
  }

  @Benchmark
  public Item lookupJdbc() {
    long id = randomId();
    return db.withJdbcConnection(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(LOOKUP)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
              rows.next();
              return new Item(
                  rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getDouble(4));
            }
          }
        });
  }

  @Benchmark
  public long insertClient() {
    long id = nextId.incrementAndGet();
    return db.sql(INSERT, id, "new " + id, 1, 2.5).update();
  }

  @Benchmark
  public long insertJdbc() {
    long id = nextId.incrementAndGet();
    return db.withJdbcConnection(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setLong(1, id);
            statement.setString(2, "new " + id);
            statement.setInt(3, 1);
            statement.setDouble(4, 2.5);
            return (long) statement.executeUpdate();
          }
        });
  }
}
