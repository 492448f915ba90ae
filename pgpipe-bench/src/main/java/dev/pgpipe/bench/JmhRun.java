package dev.pgpipe.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs JMH in-process with its progress on a given stream and returns each benchmark's score. */
public final class JmhRun {

  /** A benchmark's primary score with its 99.9% confidence half-width, in the benchmark's unit. */
  public record Score(double value, double error, String unit) {}

  private JmhRun() {}

  /** Runs the benchmarks; the map's keys are the benchmark methods' simple names. */
  public static Map<String, Score> run(Options options, PrintStream progress) {
    try {
      Collection<RunResult> results =
          new Runner(
                  options, OutputFormatFactory.createFormatInstance(progress, VerboseMode.NORMAL))
              .run();
      Map<String, Score> scores = new LinkedHashMap<>();
      for (RunResult result : results) {
        String benchmark = result.getParams().getBenchmark();
        Result<?> primary = result.getPrimaryResult();
        scores.put(
            benchmark.substring(benchmark.lastIndexOf('.') + 1),
            new Score(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
      }
      return scores;
    } catch (RunnerException e) {
      throw new IllegalStateException("the benchmark failed: " + e.getMessage(), e);
    }
  }
}
