package dev.pgpipe.testkit.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The gateway's expected answer to a challenge: {@code sha256_hex(challenge + "|" + key) + "-" +
 * last 5 characters of key}.
 */
public final class Cram {
  private Cram() {}

  /** The response a client holding {@code apiKey} must send for {@code challenge}. */
  public static String response(String challenge, String apiKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((challenge + "|" + apiKey).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest) + "-" + apiKey.substring(apiKey.length() - 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
