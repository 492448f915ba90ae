package dev.pgpipe.cli.embedded;

import dev.pgpipe.cli.Environment;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where the embedded server keeps its data and which port it listens on.
 *
 * <p>The data directory is {@code --data-dir}, else {@code $PGPIPE_HOME/pg}, else {@code
 * ~/.pgpipe/pg}; the port is {@code --port} where a command offers it, else {@code
 * PGPIPE_EMBEDDED_PORT}, else {@value EmbeddedServer#DEFAULT_PORT}.
 */
public record EmbeddedSettings(Path dataDirectory, int port) {

  static final String HOME_VARIABLE = "PGPIPE_HOME";
  static final String PORT_VARIABLE = "PGPIPE_EMBEDDED_PORT";

  public EmbeddedSettings {
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("embedded port must be between 1 and 65535: " + port);
    }
  }

  /**
   * The settings from the options a command offers (null when not given) and the environment.
   *
   * @throws IllegalArgumentException when {@code PGPIPE_EMBEDDED_PORT} is not a port number
   */
  public static EmbeddedSettings resolve(
      @Nullable Path dataDirectoryOption, @Nullable Integer portOption, Environment environment) {
    Path dataDirectory =
        dataDirectoryOption != null
            ? dataDirectoryOption
            : environment
                .get(HOME_VARIABLE)
                .map(Path::of)
                .orElse(environment.userHome().resolve(".pgpipe"))
                .resolve("pg");
    int port = portOption != null ? portOption : portFrom(environment);
    return new EmbeddedSettings(dataDirectory, port);
  }

  private static int portFrom(Environment environment) {
    String value = environment.get(PORT_VARIABLE).orElse(null);
    if (value == null) {
      return EmbeddedServer.DEFAULT_PORT;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT_VARIABLE + " must be a port number: " + value, e);
    }
  }

  /** Starts the server, or reuses the one running on the data directory. */
  public EmbeddedServer startOrReuse() {
    return EmbeddedServer.startOrReuse(dataDirectory, port);
  }
}
