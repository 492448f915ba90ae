package dev.pgpipe.cli.backfill;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.sink.SinkTarget;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.backfill.BackfillState;
import dev.pgpipe.sink.backfill.BackfillTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe backfill status}: every backfill the target knows, for any source: its state, rows
 * and chunks applied, the last key, and the error of a failed one. Creates nothing.
 */
@Command(
    name = "status",
    description = "Shows the target's backfills: state, rows and chunks applied, last key.",
    mixinStandardHelpOptions = true)
public final class BackfillStatusCommand implements Callable<Integer> {

  @Mixin private SinkTarget target = new SinkTarget();

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public BackfillStatusCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    SinkConfig config = target.config(spec, environment, "pgpipe");
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = SinkTarget.open(config, "pgpipe-backfill")) {
      boolean exists =
          db.sql("SELECT to_regclass(?) IS NOT NULL", config.schema() + ".sink_backfills")
              .scalar(Boolean.class);
      List<BackfillState> states =
          exists
              ? db.withJdbcConnection(c -> new BackfillTable(config.schema()).list(c, null))
              : List.of();
      if (states.isEmpty()) {
        out.println("no backfills");
      }
      states.forEach(s -> out.println(line(s)));
      out.flush();
    }
    return 0;
  }

  /** One backfill as a line of text. */
  static String line(BackfillState s) {
    return String.format(
        Locale.ROOT,
        "backfill %s (source %s, request %d): %s, %,d rows in %,d chunks, last key %s, since %s%s",
        s.table(),
        s.sourceId(),
        s.progress().request(),
        s.state(),
        s.progress().rows(),
        s.progress().chunks(),
        s.progress().lastKey() == null ? "-" : s.progress().lastKey(),
        s.updatedAt(),
        s.error() == null ? "" : "\n  error: " + s.error());
  }
}
