package dev.pgpipe.bench.load;

import dev.pgpipe.client.Database;
import java.nio.file.Path;

/**
 * The bound: the server loading its own binary COPY file (written by {@code COPY TO} from pgpipe's
 * table) into a fresh table of the same definition, primary key included, on one connection. Needs
 * a superuser or the pg_read/write_server_files roles.
 */
final class ServerFile {

  private ServerFile() {}

  /** Exports {@code source} to {@code file} on the server's disk (untimed). */
  static void export(Database db, String source, Path file) {
    db.sql("COPY " + source + " TO '" + file + "' (FORMAT binary)").update();
  }

  /** Loads the file into a fresh {@code target} shaped like {@code source}; returns seconds. */
  static double load(Database db, String source, String target, Path file) {
    db.sql("DROP TABLE IF EXISTS " + target).update();
    db.sql("CREATE TABLE " + target + " (LIKE " + source + " INCLUDING ALL)").update();
    long start = System.nanoTime();
    db.sql("COPY " + target + " FROM '" + file + "' (FORMAT binary)").update();
    return (System.nanoTime() - start) / 1e9;
  }
}
