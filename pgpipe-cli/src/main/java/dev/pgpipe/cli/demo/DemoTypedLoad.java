package dev.pgpipe.cli.demo;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.SqlLiteral;
import dev.pgpipe.copy.BatchWriter;
import dev.pgpipe.copy.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The typed part of {@code pgpipe demo}: {@link DemoTrade} records written with a {@link
 * BatchWriter} (binary COPY on two connections, exactly-once by its batch ledger) into {@code
 * pgpipe_demo.trades}, then the same rows loaded by the server from a binary file on its own disk:
 * the fastest way PostgreSQL takes rows, so the limit pgpipe is measured against. The server's part
 * needs a superuser (or the pg_read/write_server_files roles) and is skipped, saying so, without.
 */
final class DemoTypedLoad {

  private static final Table<DemoTrade> TABLE = Table.of(DemoTrade.class);
  private static final String NAME = DemoMarket.SCHEMA + ".trades"; // as printed
  private static final int CONNECTIONS = 2;

  private final long rows;
  private final PrintWriter out;

  DemoTypedLoad(long rows, PrintWriter out) {
    this.rows = rows;
    this.out = out;
  }

  /** Loads the rows, then measures the server's own load; throws when a row is missing. */
  void run(Database db) {
    db.sql("DROP TABLE IF EXISTS " + TABLE.qualifiedName()).update();
    db.sql(TABLE.createSql()).update();
    Stopwatch watch = Stopwatch.start();
    BatchWriter<DemoTrade> writer = BatchWriter.builder(db, TABLE).connections(CONNECTIONS).open();
    try (writer) {
      for (long id = 1; id <= rows; id++) {
        writer.write(DemoTrade.of(id));
      }
    }
    double seconds = watch.seconds();
    String took = watch.lap();
    checkCount(db);
    double pgpipe = rows / seconds;
    out.printf(
        Locale.ROOT,
        "wrote %,d typed records (a Java record per row) with BatchWriter, binary COPY on %d"
            + " connections, into %s in %s: %,.0f rows/s%n",
        writer.stats().rows(),
        CONNECTIONS,
        NAME,
        took,
        pgpipe);
    out.flush();
    serverLimit(db, pgpipe);
    out.printf("look at it: pgpipe sql \"SELECT * FROM %s ORDER BY id LIMIT 5\"%n", NAME);
    out.flush();
  }

  private void serverLimit(Database db, double pgpipe) {
    Path file =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "pgpipe-demo-trades-" + ProcessHandle.current().pid() + ".bin");
    String literal = SqlLiteral.quote(file.toString());
    try {
      db.sql("COPY " + TABLE.qualifiedName() + " TO " + literal + " (FORMAT binary)").update();
      db.sql("TRUNCATE " + TABLE.qualifiedName()).update();
      Stopwatch watch = Stopwatch.start();
      db.sql("COPY " + TABLE.qualifiedName() + " FROM " + literal + " (FORMAT binary)").update();
      double server = rows / watch.seconds();
      String took = watch.lap();
      checkCount(db);
      out.printf(
          Locale.ROOT,
          "the server loading the same rows from its own binary file took %s: %,.0f rows/s;"
              + " BatchWriter ran at %.2fx the server's limit%n",
          took,
          server,
          pgpipe / server);
    } catch (PgException e) {
      out.printf(
          "(skipped the server's own file load, the limit to compare with: %s; it needs a"
              + " superuser on the database's own machine)%n",
          e.getMessage());
    } finally {
      deleteQuietly(file);
    }
  }

  private void checkCount(Database db) {
    long count = db.sql("SELECT count(*) FROM " + TABLE.qualifiedName()).scalar(Long.class);
    if (count != rows) {
      throw new IllegalStateException(
          NAME + " holds " + count + " rows, not the " + rows + " written");
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the server wrote it as its own user: it stays in the temp directory
    }
  }
}
