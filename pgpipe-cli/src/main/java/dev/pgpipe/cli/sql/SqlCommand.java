package dev.pgpipe.cli.sql;

import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgpipe sql "select ..."}: runs one statement and prints its result. */
@Command(
    name = "sql",
    description = {
      "Runs SQL and prints the result as a table (or JSON lines).",
      "The text goes to the server as is; with several statements the last result is shown."
    })
public final class SqlCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "SQL",
      description = "The statement, e.g. \"select now()\".")
  private String sql = "";

  @Option(names = "--json", description = "Print one JSON object per row instead of a table.")
  private boolean json;

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    try (DatabaseTarget target = database.target();
        Database db = target.open(1)) {
      SqlResult result = SqlResult.run(db, sql);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        JsonLines.print(result, out);
      } else {
        TextTable.print(result, out);
      }
      return 0;
    }
  }
}
