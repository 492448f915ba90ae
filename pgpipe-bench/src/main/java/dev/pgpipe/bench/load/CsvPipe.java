package dev.pgpipe.bench.load;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.json.RecordWriter;
import dev.pgpipe.dbn.json.TextOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user does without pgpipe's loader: {@code pgpipe dbn decode --csv FILE | psql -c "\copy T
 * FROM STDIN (FORMAT csv, HEADER)"}, the decoding done in this process by the same CSV writer as
 * {@code dbn decode --csv} and the rows piped into {@code /usr/bin/psql}. The table has the CSV's
 * columns (bigint, chars as char(1)) and a key like the market table's: (ts_recv, instrument_id,
 * publisher_id, sequence). The password goes to psql in its environment, never its command line.
 */
final class CsvPipe {

  static final Path PSQL = Path.of("/usr/bin/psql");

  private CsvPipe() {}

  static boolean available() {
    return Files.isExecutable(PSQL);
  }

  private static ProcessBuilder psql(ConnectionSettings settings, String table) {
    ProcessBuilder psql =
        new ProcessBuilder(
                PSQL.toString(),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                settings.host(),
                "-p",
                Integer.toString(settings.port()),
                "-U",
                settings.user(),
                "-d",
                settings.database(),
                "-c",
                "\\copy " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    psql.environment().put("PGPASSWORD", settings.password());
    return psql;
  }

  /** Creates {@code table} for the file's CSV columns. */
  static void createTable(Database db, String table, Path file) {
    StringBuilder header = new StringBuilder();
    try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
      decoder.next();
      RecordWriter.csv(header, TextOptions.raw()).write(decoder.record());
    }
    List<String> columns = new ArrayList<>();
    for (String name : header.toString().lines().findFirst().orElseThrow().split(",")) {
      String type = name.equals("action") || name.equals("side") ? "char(1)" : "bigint";
      columns.add(Identifier.quote(name) + " " + type);
    }
    db.sql("DROP TABLE IF EXISTS " + table).update();
    db.sql(
            "CREATE TABLE "
                + table
                + " ("
                + String.join(", ", columns)
                + ", PRIMARY KEY (ts_recv, instrument_id, publisher_id, sequence))")
        .update();
  }

  /** Runs the pipe into {@code table}; returns the seconds it took. */
  static double run(ConnectionSettings settings, String table, Path file) {
    ProcessBuilder psql = psql(settings, table);
    long start = System.nanoTime();
    try {
      Process process = psql.start();
      try (Writer out =
              new BufferedWriter(
                  new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                  1 << 16);
          DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
        RecordWriter csv = RecordWriter.csv(out, TextOptions.raw());
        while (decoder.next()) {
          csv.write(decoder.record());
        }
      }
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("psql \\copy failed with exit code " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the CSV pipe into psql failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
