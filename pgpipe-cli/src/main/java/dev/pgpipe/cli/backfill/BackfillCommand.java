package dev.pgpipe.cli.backfill;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.sink.SinkTarget;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.backfill.BackfillState;
import dev.pgpipe.sink.backfill.BackfillTable;
import java.io.PrintWriter;
import java.time.Duration;
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
 * {@code pgpipe backfill --table t}: asks the replication of a source (its slot name is the source
 * id) to re-snapshot tables while it streams, the same way it backfills a table new to its {@code
 * --tables}: in key chunks between watermarks, consistent with the stream. The request is a row in
 * the target's {@code sink_backfills}; a running {@code replicate} takes it up within seconds, a
 * stopped one when it starts. {@code --wait} follows it to the end. A backfill already running for
 * the table starts over.
 */
@Command(
    name = "backfill",
    description = {
      "Re-snapshots tables into a running replication, consistent with its stream.",
      "Writes a request into the target; `pgpipe replicate` of that source carries it out."
    },
    subcommands = BackfillStatusCommand.class,
    mixinStandardHelpOptions = true)
public final class BackfillCommand implements Callable<Integer> {

  @Option(
      names = "--table",
      paramLabel = "T",
      split = ",",
      description = "Table to re-snapshot, table or schema.table (repeatable).")
  private @Nullable List<String> tables;

  @Mixin private SinkTarget target = new SinkTarget();

  @Option(
      names = "--slot",
      paramLabel = "S",
      description = "Slot of the replication, its source id (default pgpipe).")
  private String slot = "pgpipe";

  @Option(
      names = "--wait",
      description = "Wait until the backfills are done, printing their progress.")
  private boolean await;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public BackfillCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    List<String> names = tables;
    if (names == null || names.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the table: --table T");
    }
    SinkConfig config = target.config(spec, environment, slot);
    PrintWriter out = spec.commandLine().getOut();
    BackfillTable table = new BackfillTable(config.schema());
    List<String> labels = names.stream().map(String::strip).map(SinkTarget::qualified).toList();
    try (Database db = SinkTarget.open(config, "pgpipe-backfill")) {
      db.useTransaction(tx -> tx.sql(table.createSql()).update());
      for (String label : labels) {
        long request = db.withJdbcConnection(c -> table.request(c, slot, label));
        out.printf(
            Locale.ROOT,
            "backfill of %s requested (request %d, source %s): a running `pgpipe replicate`"
                + " takes it up while it streams%n",
            label,
            request,
            slot);
      }
      out.flush();
      return await ? follow(db, table, labels, out) : 0;
    }
  }

  private int follow(Database db, BackfillTable table, List<String> labels, PrintWriter out)
      throws InterruptedException {
    while (true) {
      List<BackfillState> mine =
          db.withJdbcConnection(c -> table.list(c, slot)).stream()
              .filter(s -> labels.contains(s.table()))
              .toList();
      mine.forEach(s -> out.println(BackfillStatusCommand.line(s)));
      out.flush();
      if (mine.stream().anyMatch(s -> s.state().equals("failed"))) {
        return 1;
      }
      if (mine.stream().noneMatch(BackfillState::open)) {
        return 0;
      }
      Thread.sleep(Duration.ofSeconds(1));
    }
  }
}
