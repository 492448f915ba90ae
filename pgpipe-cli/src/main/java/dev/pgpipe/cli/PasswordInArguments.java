package dev.pgpipe.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Spots a password (or a NATS token) in a URL among the command-line arguments, where {@code ps}
 * and the shell history show it to others, and words the one-line warning that says what to use
 * instead. Never repeats the secret.
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

  private PasswordInArguments() {}

  /** Whether any argument carries a secret in a URL. */
  static boolean any(List<String> arguments) {
    return arguments.stream().anyMatch(argument -> SECRET_IN_URL.matcher(argument).find());
  }
}
