package dev.pgpipe.cli.market;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.dbn.live.ApiKey;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The Databento API key of {@code live} and {@code fetch}: {@code --api-key}, else the variable.
 */
public final class KeyArgument {

  private KeyArgument() {}

  /**
   * The key typed with {@code --api-key}, else {@code DATABENTO_API_KEY}.
   *
   * @throws ParameterException when there is none or it is malformed (the message never shows it)
   */
  public static ApiKey resolve(char @Nullable [] typed, Environment environment, CommandSpec spec) {
    String value =
        typed != null
            ? new String(typed)
            : environment.get(ApiKey.ENV).map(String::strip).orElse("");
    if (value.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "no API key: set " + ApiKey.ENV + " or pass --api-key");
    }
    try {
      return ApiKey.of(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
