package dev.pgpipe.cli.sink;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.PausedTable;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe sink status}: the tables paused in a target (by any sink: {@code replicate}, {@code
 * buffer process}, {@code sink}), each with its source, the LSN and time it paused, the changes
 * held for it and the reason, column by column. Creates nothing.
 */
@Command(
    name = "status",
    description = "Shows the target's paused tables: why, since when, and the changes held.",
    mixinStandardHelpOptions = true)
public final class SinkStatusCommand implements Callable<Integer> {

  @Mixin private SinkTarget target = new SinkTarget();

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public SinkStatusCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    SinkConfig config = target.config(spec, environment, "pgpipe");
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = SinkTarget.open(config, "pgpipe-sink-admin")) {
      List<PausedTable> paused = TableSink.paused(db, config.schema());
      if (paused.isEmpty()) {
        out.println("no paused tables");
      }
      for (PausedTable table : paused) {
        out.printf(
            Locale.ROOT,
            "paused %s (source %s) at LSN %s since %s, %,d changes held%n  reason: %s%n"
                + "  fix the target table, then: pgpipe sink resume %s%n",
            table.table(),
            table.sourceId(),
            table.lsn(),
            table.pausedAt(),
            table.held(),
            table.reason(),
            table.table());
      }
      out.flush();
    }
    return 0;
  }
}
