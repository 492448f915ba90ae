package dev.pgpipe.cli.deadletters;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.sink.deadletter.DeadLetter;
import dev.pgpipe.sink.deadletter.DeadLetterStore;
import dev.pgpipe.sink.deadletter.LetterFilter;
import dev.pgpipe.sink.deadletter.Origin;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgpipe deadletters list}: the letters of every store in the database, in replay order. */
@Command(
    name = "list",
    description = "Lists dead letters in replay order (commit LSN, event index).",
    mixinStandardHelpOptions = true)
final class ListCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private LetterDatabase database;

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private Selection selection;

  @Option(
      names = "--from",
      paramLabel = "STORE",
      description = "Only this store: sink or buffer (default: both).")
  private @Nullable String from;

  @Option(names = "--json", description = "One JSON object per letter, the event included.")
  private boolean json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  ListCommand(Environment environment) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LetterFilter filter = selection.filter(Clock.systemUTC());
    List<Origin> origins = from == null ? List.of(Origin.values()) : List.of(Origin.parse(from));
    try (LetterDatabase.Opened opened = database.open()) {
      List<DeadLetter> letters = new ArrayList<>();
      for (Origin origin : origins) {
        DeadLetterStore store = database.store(opened.db(), origin);
        letters.addAll(store.list(filter));
      }
      if (json) {
        LetterText.json(out, letters);
      } else if (letters.isEmpty()) {
        out.println("no dead letters" + (selection.all() ? "" : " match"));
      } else {
        LetterText.table(out, letters);
        out.printf(
            "%d dead letter(s); pgpipe deadletters show ID for one in full%n", letters.size());
      }
      out.flush();
      return 0;
    }
  }
}
