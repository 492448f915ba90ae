package dev.pgpipe.bench;

import dev.pgpipe.cli.spi.CommandProvider;
import java.util.List;

/** Adds {@code pgpipe bench} to the command line. */
public final class BenchCommands implements CommandProvider {

  @Override
  public List<Object> commands() {
    return List.of(new BenchCommand());
  }
}
