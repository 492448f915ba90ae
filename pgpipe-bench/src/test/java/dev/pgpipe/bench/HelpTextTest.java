package dev.pgpipe.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help of every command of the whole command line, built-in commands and benchmarks alike,
 * renders without a warning. picocli formats each help text with {@link String#format}; one that
 * does not parse (a lone {@code %}, as in "10 %") is printed raw, after a warning on stderr, every
 * time {@code --help} is shown. Write a percent sign as {@code %%}.
 */
class HelpTextTest {

  @Test
  void everyCommandsHelpRendersWithoutAWarning() {
    CommandLine root = Main.commandLine(Environment.system());
    List<String> usages = new ArrayList<>();
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, UTF_8)); // picocli's tracer writes there
    try {
      render(root, usages);
    } finally {
      System.setErr(stderr);
    }

    assertThat(warnings.toString(UTF_8)).as("what picocli warned about").isEmpty();
    assertThat(usages).hasSizeGreaterThan(20);
    assertThat(String.join("\n", usages)).contains("varies by about 10 %)");
  }

  private static void render(CommandLine command, List<String> usages) {
    usages.add(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
    command.getSubcommands().values().stream()
        .distinct()
        .forEach(subcommand -> render(subcommand, usages));
  }
}
