package dev.pgpipe.cli.market;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.dbn.live.ApiKey;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The Databento API key of {@code live} and {@code fetch}: {@code --api-key}, else the variables. A
 * picocli mixin: {@code @Mixin KeyArgument apiKey = new KeyArgument();}.
 */
public final class KeyArgument {

  @Option(
      names = "--api-key",
      arity = "0..1",
      interactive = true,
      paramLabel = "KEY",
      description = "The API key; without a value it is asked for (not echoed).")
  private char @Nullable [] typed;

  /**
   * The key typed with {@code --api-key}, else {@code DATABENTO_API_KEY_FILE} (a file holding it),
   * else {@code DATABENTO_API_KEY}.
   *
   * @throws ParameterException when there is none, its file cannot be read, or it is malformed (the
   *     message never shows it)
   */
  public ApiKey resolve(Environment environment, CommandSpec spec) {
    if (typed == null
        && environment.get(ApiKey.ENV).isEmpty()
        && environment.get(ApiKey.FILE_ENV).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "no API key: set "
              + ApiKey.FILE_ENV
              + " (a file holding it) or "
              + ApiKey.ENV
              + ", or pass --api-key");
    }
    try {
      return typed != null
          ? ApiKey.of(new String(typed).strip())
          : ApiKey.fromEnvironment(name -> environment.variables().get(name));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + " (or pass --api-key)", e);
    }
  }
}
