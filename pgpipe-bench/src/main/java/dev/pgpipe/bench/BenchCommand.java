package dev.pgpipe.bench;

import dev.pgpipe.bench.client.ClientBenchCommand;
import dev.pgpipe.bench.dbn.DbnBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pgpipe bench}: the benchmarks, one subcommand each. */
@Command(
    name = "bench",
    description = "Measure pgpipe side by side with what you would otherwise use.",
    subcommands = {
      ClientBenchCommand.class,
      DbnBenchCommand.class,
      dev.pgpipe.bench.cdc.CdcBenchCommand.class,
      dev.pgpipe.bench.copy.CopyBenchCommand.class,
      dev.pgpipe.bench.copy.EncodeBenchCommand.class,
      dev.pgpipe.bench.load.LoadBenchCommand.class,
      dev.pgpipe.bench.nats.NatsBenchCommand.class,
      dev.pgpipe.bench.live.LiveBenchCommand.class,
      dev.pgpipe.bench.sink.SinkBenchCommand.class,
      dev.pgpipe.bench.replicate.ReplicateBenchCommand.class,
      dev.pgpipe.bench.backfill.BackfillBenchCommand.class
    },
    mixinStandardHelpOptions = true)
public final class BenchCommand implements Runnable {

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a benchmark: " + spec.subcommands().keySet());
  }
}
