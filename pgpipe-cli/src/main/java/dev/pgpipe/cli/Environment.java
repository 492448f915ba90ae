package dev.pgpipe.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line reads from its surroundings: environment variables and the user's home.
 *
 * <p>Passed in rather than read from {@link System#getenv()} deep inside commands, so tests can run
 * a command against any environment: {@link Main#commandLine(Environment)} hands it to every
 * command or mixin whose constructor takes one. {@link #toString()} names no values, since
 * variables such as {@code PGPASSWORD} hold secrets.
 */
public record Environment(Map<String, String> variables, Path userHome) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The environment of this process. */
  public static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The value of a variable, when it is set and not blank. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
  }

  @Override
  public String toString() {
    return "Environment[" + variables.size() + " variables, userHome=" + userHome + "]";
  }
}
