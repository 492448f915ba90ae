package dev.pgpipe.cli.dbn;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pgpipe dbn}: reads Databento DBN files (any version, plain or zstd). */
@Command(
    name = "dbn",
    description = "Reads Databento DBN files: records as JSON lines or CSV, metadata as JSON.",
    subcommands = {DbnDecodeCommand.class, DbnMetadataCommand.class},
    mixinStandardHelpOptions = true)
public final class DbnCommand implements Runnable {

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a subcommand: " + spec.subcommands().keySet());
  }
}
