package dev.pgpipe.cli.sink;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pgpipe buffer}: the durable change buffer that {@code pgpipe cdc --to buffer} fills. */
@Command(
    name = "buffer",
    description = "Drains the durable change buffer into a target, or shows its backlog.",
    subcommands = {BufferProcessCommand.class, BufferStatusCommand.class},
    footer = {
      "",
      "Variables: PGPIPE_BUFFER_SCHEMA (pgpipe), _BATCH_SIZE (1000), _FLUSH_INTERVAL (5s),",
      "_RETENTION (168h), _CLEANUP_INTERVAL (1h), _MAX_ATTEMPTS (5)."
    },
    mixinStandardHelpOptions = true)
public final class BufferCommand implements Runnable {

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a buffer command: " + spec.subcommands().keySet());
  }
}
