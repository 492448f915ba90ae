package dev.pgpipe.cli.deadletters;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.sink.deadletter.DeadLetter;
import dev.pgpipe.sink.deadletter.Origin;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgpipe deadletters show ID}: one letter in full, and what to do about it. */
@Command(
    name = "show",
    description = "Shows one dead letter: the event, the error, where it came from, what to do.",
    mixinStandardHelpOptions = true)
final class ShowCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private LetterDatabase database;

  @Parameters(
      paramLabel = "ID",
      description = "The letter, as list prints it: sink:12, buffer:7, or 12 (a sink letter).")
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private String ref;

  @Option(names = "--json", description = "The letter as one JSON object.")
  private boolean json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  ShowCommand(Environment environment) {}

  @Override
  public Integer call() {
    int colon = ref.indexOf(':');
    Origin origin = colon < 0 ? Origin.SINK : Origin.parse(ref.substring(0, colon));
    long id = parseId(ref.substring(colon + 1));
    PrintWriter out = spec.commandLine().getOut();
    try (LetterDatabase.Opened opened = database.open()) {
      Optional<DeadLetter> letter = database.store(opened.db(), origin).find(id);
      if (letter.isEmpty()) {
        spec.commandLine()
            .getErr()
            .printf(
                "no dead letter %s:%d in %s (%s): it was replayed or discarded, or the id is"
                    + " wrong; see pgpipe deadletters list%n",
                origin.label(), id, database.store(opened.db(), origin).table(), opened.from());
        return 1;
      }
      if (json) {
        out.println(LetterText.node(letter.get()).toPrettyString());
      } else {
        LetterText.show(out, letter.get());
      }
      out.flush();
      return 0;
    }
  }

  private long parseId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), "a dead-letter id is sink:N, buffer:N or N: " + ref);
    }
  }
}
