package dev.pgpipe.cli.deadletters;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import dev.pgpipe.sink.deadletter.DeadLetterStore;
import dev.pgpipe.sink.deadletter.Origin;
import dev.pgpipe.sink.deadletter.Replay;
import dev.pgpipe.sink.deadletter.ReplayOutcome;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe deadletters replay}: re-applies the table sink's letters to the target, in their
 * original order, each exactly once (see {@link Replay}). Exits with 1 when a letter stayed.
 */
@Command(
    name = "replay",
    description = {
      "Re-applies the sink's dead letters in their original order, each exactly once: the row",
      "and the removal of its letter commit together. A letter refused again stays, with the new",
      "error. An insert whose row was written since is kept; updates, deletes and truncates are",
      "kept unless --force (the target keeps no position per row to compare with)."
    },
    mixinStandardHelpOptions = true)
final class ReplayCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private LetterDatabase database;

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private Selection selection;

  @Option(
      names = "--from",
      paramLabel = "STORE",
      description =
          "sink (default): the target's letters; buffer: the buffer's, replayed into --to.")
  private String from = "sink";

  @Option(
      names = "--to",
      paramLabel = "URL",
      description = "With --from buffer: the target (default: $POSTGRES_OUTPUT_*).")
  private @Nullable String to;

  @Option(
      names = "--force",
      description = "Apply letters that might overwrite a newer row (after checking it).")
  private boolean force;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  ReplayCommand(Environment environment) {}

  @Override
  public Integer call() {
    Origin origin = Origin.parse(from);
    if (origin == Origin.SINK && to != null) {
      throw new ParameterException(
          spec.commandLine(),
          "sink letters are replayed into the database that holds them: name it with --url");
    }
    try (LetterDatabase.Opened opened = database.open()) {
      DeadLetterStore store = database.store(opened.db(), origin);
      if (origin == Origin.SINK) {
        return replay(store, opened.db());
      }
      try (Database target = bufferTarget()) {
        return replay(store, target);
      }
    }
  }

  private int replay(DeadLetterStore store, Database target) {
    PrintWriter out = spec.commandLine().getOut();
    List<ReplayOutcome> done = new ArrayList<>();
    Replay replay = new Replay(store, target, database.sinkConfig());
    try {
      replay.run(selection.filter(Clock.systemUTC()), force, o -> done.add(print(out, o)));
    } catch (PgException e) {
      out.flush();
      throw new IllegalStateException(
          "replay stopped after "
              + done.size()
              + " letter(s): "
              + e.getMessage()
              + ". What committed stays and each applied letter is gone; run the same replay"
              + " again once the cause is fixed: nothing is applied twice",
          e);
    }
    return summary(out, done);
  }

  private Database bufferTarget() {
    return database
        .openTarget(to)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "name the target to replay the buffer's letters into: --to URL or"
                        + " POSTGRES_OUTPUT_HOST"));
  }

  private static ReplayOutcome print(PrintWriter out, ReplayOutcome o) {
    String where =
        o.letter().ref() + "  " + o.letter().qualifiedTable() + "  " + o.letter().position();
    String line =
        switch (o) {
          case ReplayOutcome.Applied a -> "applied       " + where;
          case ReplayOutcome.Gone g ->
              "gone          " + where + ": replayed or discarded meanwhile";
          case ReplayOutcome.FailedAgain f ->
              "failed again  "
                  + where
                  + ": "
                  + LetterText.serverMessage(f.error())
                  + (f.sqlState() == null ? "" : " (SQLSTATE " + f.sqlState() + ")")
                  + "; attempt "
                  + f.attempts();
          case ReplayOutcome.Superseded s -> "kept          " + where + ": " + s.reason();
          case ReplayOutcome.Held h ->
              "held          " + where + ": waits behind " + h.behind() + " (same row)";
          case ReplayOutcome.Unreadable u -> "unreadable    " + where + ": " + u.reason();
        };
    out.println(line);
    out.flush();
    return o;
  }

  private static int summary(PrintWriter out, List<ReplayOutcome> done) {
    long applied = done.stream().filter(o -> o instanceof ReplayOutcome.Applied).count();
    long gone = done.stream().filter(o -> o instanceof ReplayOutcome.Gone).count();
    long stayed = done.size() - applied - gone;
    if (done.isEmpty()) {
      out.println("no dead letters to replay");
    } else {
      out.printf(
          Locale.ROOT,
          "%d applied, %d stayed%s%n",
          applied,
          stayed,
          stayed == 0
              ? ""
              : " (pgpipe deadletters show ID explains each; fix the target and replay again)");
    }
    out.flush();
    return stayed == 0 ? 0 : 1;
  }
}
