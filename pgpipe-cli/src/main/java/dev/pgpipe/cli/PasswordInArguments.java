package dev.pgpipe.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Spots a password (or a NATS token) in a URL among the command-line arguments, or an API key given
 * to {@code --api-key}, where {@code ps} and the shell history show it to others, and words the
 * one-line warnings that say what to use instead. Never repeats the secret.
 */
final class PasswordInArguments {

  /** The warning, one line on standard error. */
  static final String WARNING =
      "pgpipe: warning: a password is in a URL on the command line, where `ps` shows it to every"
          + " user; use PGPASSFILE or ~/.pgpass, POSTGRES_INPUT_PASSWORD_FILE,"
          + " POSTGRES_OUTPUT_PASSWORD_FILE or NATS_CREDS/NATS_NKEY/NATS_PASSWORD_FILE instead";

  /** {@code scheme://user:password@}, a {@code password=} parameter, {@code nats://token@}. */
  private static final Pattern SECRET_IN_URL =
      Pattern.compile(
          "(?i)(?:postgres(?:ql)?|jdbc:postgresql|nats|tls|ws|wss)://[^/@?#\\s]*:[^/@?#\\s]+@"
              + "|(?:postgres(?:ql)?|jdbc:postgresql)://\\S*[?&]password=[^&\\s]+"
              + "|(?:nats|tls|ws|wss)://[^:/@?#\\s]+@");

  /** The warning about an API key given as the value of {@code --api-key}. */
  static final String KEY_WARNING =
      "pgpipe: warning: the API key is on the command line (--api-key KEY), where `ps` shows it to"
          + " every user; use DATABENTO_API_KEY_FILE, or --api-key alone to type it unseen";

  private PasswordInArguments() {}

  /** Whether any argument carries a secret in a URL. */
  static boolean any(List<String> arguments) {
    return arguments.stream().anyMatch(argument -> SECRET_IN_URL.matcher(argument).find());
  }

  /**
   * Whether {@code --api-key} is given its value on the command line ({@code --api-key=K}, or K).
   */
  static boolean apiKey(List<String> arguments) {
    for (int i = 0; i < arguments.size() && !arguments.get(i).equals("--"); i++) {
      String argument = arguments.get(i);
      String value =
          argument.startsWith("--api-key=")
              ? argument.substring("--api-key=".length())
              : argument.equals("--api-key") && i + 1 < arguments.size()
                  ? arguments.get(i + 1)
                  : "";
      if (!value.isEmpty() && !value.startsWith("-") && !value.startsWith("@")) {
        return true; // an @file (picocli reads it) keeps the key off the command line
      }
    }
    return false;
  }
}
