package dev.pgpipe.bench.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.bench.BenchUrl;
import dev.pgpipe.bench.JmhRun;
import dev.pgpipe.bench.JmhRun.Score;
import dev.pgpipe.bench.JsonReport;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe bench client}: primary-key lookups and single-row inserts through the client layer
 * versus raw pgjdbc on the same pool (JMH), printed as ops/s and the client's overhead.
 */
@Command(
    name = "client",
    description = "Client layer vs raw pgjdbc on the same pool: PK lookups and single-row inserts.",
    mixinStandardHelpOptions = true)
public final class ClientBenchCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli with the command line's environment
  private DatabaseOptions database;

  @Option(
      names = "--iterations",
      description = "Measurement iterations (default ${DEFAULT-VALUE}).")
  private int iterations = 5;

  @Option(names = "--seconds", description = "Seconds per iteration (default ${DEFAULT-VALUE}).")
  private int seconds = 5;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Score> scores;
    try (DatabaseTarget target = database.target()) {
      Path urlFile = BenchUrl.write(target.settings());
      scores =
          JmhRun.run(
              new OptionsBuilder()
                  .include(ClientOverheadBenchmark.class.getName())
                  .forks(1)
                  .threads(1)
                  .warmupIterations(3)
                  .warmupTime(TimeValue.seconds(2))
                  .measurementIterations(iterations)
                  .measurementTime(TimeValue.seconds(seconds))
                  .jvmArgsAppend("-D" + ClientOverheadBenchmark.URL_FILE_PROPERTY + "=" + urlFile)
                  .build(),
              System.err);
    }
    out.println();
    out.printf(
        "%-18s %22s %22s %12s%n",
        "operation", "pgpipe client ops/s", "raw pgjdbc ops/s", "client/jdbc");
    ObjectNode report = new ObjectMapper().createObjectNode();
    line(out, report, "pk lookup", "lookup", scores);
    line(out, report, "single-row insert", "insert", scores);
    out.flush();
    JsonReport.write(json, report);
    return 0;
  }

  private static void line(
      PrintWriter out, ObjectNode report, String label, String key, Map<String, Score> scores) {
    Score client = scores.get(key + "Client");
    Score jdbc = scores.get(key + "Jdbc");
    if (client == null || jdbc == null) {
      throw new IllegalStateException("JMH returned no score for " + key + ": " + scores.keySet());
    }
    double ratio = client.value() / jdbc.value();
    out.printf(
        "%-18s %13.0f ± %6.0f %13.0f ± %6.0f %12.3f%n",
        label, client.value(), client.error(), jdbc.value(), jdbc.error(), ratio);
    ObjectNode node = report.putObject(key);
    node.put("client_ops_per_s", client.value());
    node.put("client_error", client.error());
    node.put("jdbc_ops_per_s", jdbc.value());
    node.put("jdbc_error", jdbc.error());
    node.put("client_over_jdbc", ratio);
  }
}
