package dev.pgpipe.bench;

import dev.pgpipe.client.ConnectionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hands the database URL to forked benchmark JVMs through a private temporary file, so a password
 * never appears in a command line, JVM options or JMH's output.
 */
public final class BenchUrl {

  private BenchUrl() {}

  /** Writes the settings as a URL to an owner-only file deleted on exit; returns its path. */
  public static Path write(ConnectionSettings settings) {
    String url =
        "postgres://"
            + encode(settings.user())
            + (settings.password().isEmpty() ? "" : ":" + encode(settings.password()))
            + "@"
            + settings.host()
            + ":"
            + settings.port()
            + "/"
            + encode(settings.database());
    try {
      Path file =
          Files.createTempFile(
              "pgpipe-bench",
              ".url",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      file.toFile().deleteOnExit();
      return Files.writeString(file, url);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark's URL file", e);
    }
  }

  /** Reads the URL from the file named by a system property. */
  public static String read(String property) {
    String file = System.getProperty(property);
    if (file == null) {
      throw new IllegalStateException("the benchmark needs -D" + property + "=<file with the URL>");
    }
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the benchmark URL from " + file, e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
