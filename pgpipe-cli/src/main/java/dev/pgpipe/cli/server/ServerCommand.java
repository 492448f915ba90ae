package dev.pgpipe.cli.server;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.embedded.Banner;
import dev.pgpipe.cli.embedded.EmbeddedServer;
import dev.pgpipe.cli.embedded.EmbeddedSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe server}: keeps the embedded PostgreSQL running in the foreground until interrupted,
 * for {@code psql} and for other {@code pgpipe} commands, which then reuse it.
 */
@Command(
    name = "server",
    description = {
      "Keeps the embedded PostgreSQL running until Ctrl-C.",
      "Meanwhile psql and other pgpipe commands can use it; without it, the server runs",
      "only as long as the pgpipe command that started it."
    })
public final class ServerCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory (default: $PGPIPE_HOME/pg, else ~/.pgpipe/pg).")
  private @Nullable Path dataDirectory;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port for a server this starts (default: $PGPIPE_EMBEDDED_PORT, else 54329).")
  private @Nullable Integer port;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public ServerCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    EmbeddedSettings settings = EmbeddedSettings.resolve(dataDirectory, port, environment);
    PrintWriter err = spec.commandLine().getErr();
    try (EmbeddedServer server = settings.startOrReuse()) {
      Banner.print(server, err);
      if (!server.isOwned()) {
        err.println("pgpipe: nothing to do; the server belongs to the process that started it.");
        return 0;
      }
      err.println("pgpipe: press Ctrl-C to stop the server.");
      err.flush();
      new CountDownLatch(1).await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
