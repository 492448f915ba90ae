package dev.pgpipe.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret (a password, an API key) from a file named by a {@code *_FILE} variable, the way
 * container platforms mount secrets, so it never travels on a command line or in the environment.
 *
 * <p>The content is stripped of surrounding white space (a mounted secret often ends with a
 * newline). Errors name the variable and the file, never the content.
 */
public final class SecretFile {

  /** Secrets are short; a larger file is a wrong path, not a password. */
  static final long MAX_BYTES = 64 * 1024;

  private SecretFile() {}

  /**
   * The secret in {@code file}, which the variable {@code variable} named.
   *
   * @throws IllegalArgumentException when the file cannot be read, is larger than 64 KiB or holds
   *     only white space
   */
  public static String read(Path file, String variable) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(
            variable + " names " + file + ", which has " + size + " bytes: not a secret file");
      }
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new IllegalArgumentException(
            variable + " names " + file + ", which is empty: write the secret into it");
      }
      return secret;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          variable + " names " + file + ", which cannot be read (" + e + ")", e);
    }
  }
}
