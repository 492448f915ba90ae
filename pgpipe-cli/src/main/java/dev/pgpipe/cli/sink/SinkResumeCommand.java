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
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe sink resume TABLE}: after the operator fixed a paused table on the target, applies
 * its held changes in order, exactly once, and lifts the pause, for each source that paused it (or
 * {@code --source}). A running sink of that source waits for the resume's transaction, then applies
 * the table's new changes. When the target table still cannot take them, nothing changes and the
 * error says what is still wrong.
 */
@Command(
    name = "resume",
    description = "Applies a paused table's held changes in order and lifts the pause.",
    mixinStandardHelpOptions = true)
public final class SinkResumeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "TABLE", description = "The paused table, table or schema.table.")
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private String table;

  @Mixin private SinkTarget target = new SinkTarget();

  @Option(
      names = "--source",
      paramLabel = "ID",
      description = "Only the pause of this source id (default: every source that paused it).")
  private @Nullable String source;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public SinkResumeCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    String label = SinkTarget.qualified(table);
    SinkConfig admin = target.config(spec, environment, "pgpipe");
    List<String> sources;
    try (Database db = SinkTarget.open(admin, "pgpipe-sink-admin")) {
      sources =
          TableSink.paused(db, admin.schema()).stream()
              .filter(p -> p.table().equals(label))
              .map(PausedTable::sourceId)
              .filter(id -> source == null || id.equals(source))
              .toList();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (sources.isEmpty()) {
      spec.commandLine().getErr().printf("%s is not paused in the target%n", label);
      return 1;
    }
    for (String id : sources) {
      try (TableSink sink = TableSink.open(target.config(spec, environment, id))) {
        long applied = sink.resume(label);
        out.printf(
            Locale.ROOT, "resumed %s (source %s): %,d held changes applied%n", label, id, applied);
      }
    }
    out.flush();
    return 0;
  }
}
