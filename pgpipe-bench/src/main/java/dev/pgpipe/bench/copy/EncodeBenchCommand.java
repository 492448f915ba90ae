package dev.pgpipe.bench.copy;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.concurrent.Callable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe bench encode}: JMH with the GC profiler ({@code -prof gc}) over the row encoder,
 * printing rows/s next to the bytes allocated per row ({@code gc.alloc.rate.norm}), for the typed
 * record mapping and a hand-written encoder of the same bytes.
 */
@Command(
    name = "encode",
    description = "Row encoder alone (JMH -prof gc): rows/s and bytes allocated per row.",
    mixinStandardHelpOptions = true)
public final class EncodeBenchCommand implements Callable<Integer> {

  private static final String ALLOCATION = "gc.alloc.rate.norm";

  @Option(
      names = "--iterations",
      description = "Measurement iterations (default ${DEFAULT-VALUE}).")
  private int iterations = 5;

  @Option(names = "--seconds", description = "Seconds per iteration (default ${DEFAULT-VALUE}).")
  private int seconds = 2;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    Collection<RunResult> results = run();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%n%-14s %16s %12s %18s%n", "encoder", "rows/s", "± (99.9%)", "B allocated/row");
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      Result<?> primary = result.getPrimaryResult();
      out.printf(
          "%-14s %,16.0f %,12.0f %18.3f%n",
          name.substring(name.lastIndexOf('.') + 1),
          primary.getScore(),
          primary.getScoreError(),
          allocationPerRow(result));
    }
    out.flush();
    return 0;
  }

  private Collection<RunResult> run() {
    try {
      return new Runner(
              new OptionsBuilder()
                  .include(EncodeBenchmark.class.getName())
                  .forks(1)
                  .threads(1)
                  .warmupIterations(3)
                  .warmupTime(TimeValue.seconds(1))
                  .measurementIterations(iterations)
                  .measurementTime(TimeValue.seconds(seconds))
                  .addProfiler(GCProfiler.class)
                  .build(),
              OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL))
          .run();
    } catch (RunnerException e) {
      throw new IllegalStateException("the benchmark failed: " + e.getMessage(), e);
    }
  }

  /** The GC profiler's bytes per operation (one row); NaN when the profiler gave none. */
  private static double allocationPerRow(RunResult result) {
    return result.getSecondaryResults().entrySet().stream()
        .filter(e -> e.getKey().endsWith(ALLOCATION))
        .mapToDouble(e -> e.getValue().getScore())
        .findFirst()
        .orElse(Double.NaN);
  }
}
