package dev.pgpipe.cli.spi;

import java.util.List;

/**
 * Adds subcommands to {@code pgpipe} from a module the command line cannot depend on.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.pgpipe.cli.spi.CommandProvider} and give it a public no-argument
 * constructor. {@link #commands()} is called once, while the command line is assembled, before any
 * argument is parsed.
 *
 * <p>Each element is either an instance of a class annotated with picocli's {@code @Command} or a
 * ready {@code picocli.CommandLine}; the command's name is taken from its annotation and must not
 * clash with a built-in command or another provider's, or the command line refuses to start. A
 * command can mix in {@link DatabaseOptions} to reach the database the user chose: declare the
 * {@code @Mixin} field without a value, and picocli creates it with the command line's environment.
 * Subcommands listed in a provided command's annotation are created the same way.
 */
public interface CommandProvider {

  /** The commands to add, in the order they should appear in the help. */
  List<Object> commands();
}
