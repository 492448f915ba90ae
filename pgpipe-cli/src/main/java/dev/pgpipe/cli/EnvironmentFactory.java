package dev.pgpipe.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates the commands, mixins and subcommands of one {@code pgpipe} command line, handing each
 * class that declares a constructor taking an {@link Environment} the command line's environment.
 *
 * <p>That constructor is how a command reads variables and the home directory: it never looks at
 * {@link System#getenv()} itself, so a test runs it against any environment. Classes without such a
 * constructor are created by picocli's default factory.
 */
final class EnvironmentFactory implements IFactory {

  private final Environment environment;
  private final IFactory fallback = CommandLine.defaultFactory();

  EnvironmentFactory(Environment environment) {
    this.environment = environment;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> constructor;
    try {
      constructor = type.getDeclaredConstructor(Environment.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    }
    constructor.setAccessible(true);
    return constructor.newInstance(environment);
  }
}
