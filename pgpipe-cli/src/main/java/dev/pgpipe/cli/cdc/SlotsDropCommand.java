package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.Slots;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe slots drop NAME}: drops a replication slot so the server stops keeping WAL for it.
 * An active slot is refused unless {@code --force}, which first ends the process streaming from it.
 * Fails (exit 1) when the slot does not exist.
 */
@Command(
    name = "drop",
    description = "Drops a replication slot; the server then frees the WAL it held.",
    mixinStandardHelpOptions = true)
final class SlotsDropCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "The slot to drop.")
  private String name = "";

  @Option(
      names = "--force",
      description = "Also when a consumer is streaming from it: end that consumer first.")
  private boolean force;

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    try (DatabaseTarget target = database.target()) {
      Slots.drop(target.settings(), name, force);
    }
    spec.commandLine().getOut().println("dropped slot " + name);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
