package dev.pgpipe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Writes a benchmark's figures as pretty-printed JSON, the file of every {@code --json FILE}. */
public final class JsonReport {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonReport() {}

  /**
   * Writes {@code report} (a Jackson node, or maps and lists) to {@code file}; nothing when null.
   */
  public static void write(@Nullable Path file, Object report) {
    if (file == null) {
      return;
    }
    try {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark report " + file, e);
    }
  }
}
