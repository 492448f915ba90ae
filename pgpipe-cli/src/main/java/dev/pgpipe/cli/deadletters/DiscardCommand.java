package dev.pgpipe.cli.deadletters;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.sink.deadletter.DeadLetter;
import dev.pgpipe.sink.deadletter.DeadLetterStore;
import dev.pgpipe.sink.deadletter.LetterFilter;
import dev.pgpipe.sink.deadletter.Origin;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe deadletters discard}: deletes letters for good. One letter named by {@code --id}
 * goes at once; more than one, or a selection by table, source or time, needs {@code --yes}.
 */
@Command(
    name = "discard",
    description = "Deletes dead letters for good (more than one: with --yes).",
    mixinStandardHelpOptions = true)
final class DiscardCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private LetterDatabase database;

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private Selection selection;

  @Option(
      names = "--from",
      paramLabel = "STORE",
      description = "The store: sink (default) or buffer.")
  private String from = "sink";

  @Option(names = "--all", description = "Every letter of the store (with --yes).")
  private boolean all;

  @Option(names = "--yes", description = "Confirm discarding more than one letter.")
  private boolean yes;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  DiscardCommand(Environment environment) {}

  @Override
  public Integer call() {
    if (selection.all() && !all) {
      throw new ParameterException(
          spec.commandLine(), "name what to discard: --id, --table, --source, --since or --all");
    }
    PrintWriter out = spec.commandLine().getOut();
    LetterFilter filter = selection.filter(Clock.systemUTC());
    try (LetterDatabase.Opened opened = database.open()) {
      DeadLetterStore store = database.store(opened.db(), Origin.parse(from));
      List<DeadLetter> selected = store.list(filter);
      if (selected.size() > 1 && !yes) {
        out.printf(
            "%d dead letters match; nothing was discarded. Check them with pgpipe deadletters"
                + " list (same options), then add --yes%n",
            selected.size());
        out.flush();
        return 1;
      }
      List<Long> ids = selected.stream().map(DeadLetter::id).toList();
      int discarded = ids.isEmpty() ? 0 : store.discard(new LetterFilter(ids, null, null, null));
      out.printf("discarded %d dead letter(s) from %s%n", discarded, store.table());
      out.flush();
      return 0;
    }
  }
}
