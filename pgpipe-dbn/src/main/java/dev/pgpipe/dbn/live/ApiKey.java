package dev.pgpipe.dbn.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A Databento API key, kept out of sight: {@link #toString()} shows only its last five characters,
 * and the key itself leaves this class only as a challenge response. Immutable and thread-safe.
 */
public final class ApiKey {
  /** The environment variable the key is read from by default. */
  public static final String ENV = "DATABENTO_API_KEY";

  /**
   * The environment variable naming a file that holds the key, used when {@value #ENV} is unset.
   */
  public static final String FILE_ENV = "DATABENTO_API_KEY_FILE";

  /** Length of every Databento API key. */
  public static final int LENGTH = 32;

  private final String key;

  private ApiKey(String key) {
    this.key = key;
  }

  /**
   * Wraps a key; throws {@link IllegalArgumentException} (naming the length, never the key) unless
   * it is 32 printable ASCII characters.
   */
  public static ApiKey of(String key) {
    if (key.length() != LENGTH) {
      throw new IllegalArgumentException(
          "an API key has " + LENGTH + " characters, this one has " + key.length());
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c > '~' || c == '|') {
        throw new IllegalArgumentException(
            "an API key is printable ASCII without '|'; character " + i + " is not");
      }
    }
    return new ApiKey(key);
  }

  /**
   * The key in {@value #ENV}, else in the file named by {@value #FILE_ENV} (the way container
   * platforms mount secrets).
   *
   * @throws IllegalStateException when neither is set, both are, or the file cannot be read (the
   *     message names the variable and the file, never the key)
   */
  public static ApiKey fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /** As {@link #fromEnvironment()}, with the variables of {@code env}. */
  public static ApiKey fromEnvironment(Function<String, @Nullable String> env) {
    String value = env.apply(ENV);
    String file = env.apply(FILE_ENV);
    boolean direct = value != null && !value.isBlank();
    if (file != null && !file.isBlank()) {
      if (direct) {
        throw new IllegalStateException(
            "both " + ENV + " and " + FILE_ENV + " are set: keep only one");
      }
      return of(readFile(Path.of(file.strip())));
    }
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "no API key: set " + ENV + " or " + FILE_ENV + ", or give the key to the client builder");
    }
    return of(value.strip());
  }

  /**
   * The HTTP basic authorization header value of the Historical API: the key as user name, an empty
   * password. For request headers only; never log it.
   */
  public String basicAuthorization() {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  private static String readFile(Path file) {
    try {
      if (Files.size(file) > 4096) {
        throw new IllegalStateException(FILE_ENV + " names " + file + ", which is no key file");
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          FILE_ENV + " names " + file + ", which cannot be read (" + e + ")", e);
    }
  }

  /** The last five characters, the only part of a key that may be shown. */
  public String suffix() {
    return key.substring(LENGTH - 5);
  }

  /**
   * The answer to the gateway's challenge: {@code sha256_hex(challenge + "|" + key) + "-" +
   * suffix}.
   */
  String cramResponse(String challenge) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((challenge + "|" + key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest) + "-" + suffix();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApiKey other && MessageDigest.isEqual(bytes(), other.bytes());
  }

  private byte[] bytes() {
    return key.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public int hashCode() {
    return suffix().hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey(..." + suffix() + ")";
  }
}
