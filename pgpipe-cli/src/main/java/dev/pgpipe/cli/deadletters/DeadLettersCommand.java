package dev.pgpipe.cli.deadletters;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe deadletters}: the events a target refused, to look at, replay once the cause is
 * fixed, or discard.
 */
@Command(
    name = "deadletters",
    description = "Lists, shows, replays or discards dead letters (events a target refused).",
    subcommands = {ListCommand.class, ShowCommand.class, ReplayCommand.class, DiscardCommand.class},
    footer = {
      "",
      "Stores: sink = <schema>.sink_dead_letters on the target (rows the table sink refused, from",
      "replicate, buffer process and sink --from nats); buffer = <schema>.cdc_dead_letters in the",
      "buffer's database. Database: --url, else POSTGRES_OUTPUT_* when POSTGRES_OUTPUT_HOST is",
      "set, else PGPIPE_URL, the PG* variables or the embedded server.",
      "Typical use: list, show ID, fix the target, replay --id ID (or --table T).",
      "Buffer letters: replay --from buffer --url BUFFER_DB --to TARGET (or POSTGRES_OUTPUT_*)."
    },
    mixinStandardHelpOptions = true)
public final class DeadLettersCommand implements Runnable {

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a deadletters command: " + spec.subcommands().keySet());
  }
}
