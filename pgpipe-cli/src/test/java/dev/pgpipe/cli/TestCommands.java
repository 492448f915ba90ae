package dev.pgpipe.cli;

import dev.pgpipe.cli.spi.CommandProvider;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A {@link CommandProvider} registered in the test resources, as a module above cli would. */
public final class TestCommands implements CommandProvider {

  @Override
  public List<Object> commands() {
    return List.of(new Echo(), new Fail(), new Target());
  }

  @Command(name = "test-echo", description = "Prints its arguments (test provider).")
  static final class Echo implements Callable<Integer> {
    @Parameters List<String> words = List.of();

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(String.join(" ", words));
      return 0;
    }
  }

  @Command(name = "test-fail", description = "Fails with a cause (test provider).")
  static final class Fail implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException(
          "cannot frobnicate: 42", new UncheckedIOException(new IOException("disk on fire")));
    }
  }

  @Command(name = "test-target", description = "Prints the database it would use (test provider).")
  static final class Target implements Callable<Integer> {
    @Mixin
    @SuppressWarnings("NullAway.Init")
    DatabaseOptions database;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Override
    public Integer call() {
      try (DatabaseTarget target = database.target()) {
        spec.commandLine().getOut().println(target.source() + " " + target.settings());
      }
      return 0;
    }
  }
}
