package dev.pgpipe.dbn.live;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A control line the gateway sends before the DBN stream starts. Parse with {@link #parse}.
 *
 * <pre>
 *   S: lsg_version=0.6.2\n                 Greeting (any text: clients only log it)
 *   S: cram=&lt;challenge&gt;\n                Challenge
 *   S: success=1|session_id=&lt;id&gt;\n        AuthReply, accepted
 *   S: success=0|error=&lt;text&gt;\n           AuthReply, rejected
 * </pre>
 */
sealed interface GatewayMessage {
  /** Anything before the challenge, e.g. {@code lsg_version=...}. */
  record Greeting(String text) implements GatewayMessage {}

  /** The CRAM challenge. */
  record Challenge(String cram) implements GatewayMessage {
    public Challenge {
      if (cram.isEmpty()) {
        throw new IllegalArgumentException("empty challenge");
      }
    }
  }

  /** The answer to authentication; {@code error} is the gateway's text when rejected. */
  record AuthReply(boolean success, @Nullable String sessionId, @Nullable String error)
      implements GatewayMessage {}

  /**
   * Classifies one line (without its newline). Throws {@link IllegalArgumentException} for an empty
   * challenge or a {@code success} value other than 0 or 1.
   */
  static GatewayMessage parse(String line) {
    Map<String, String> fields = ControlLine.fields(line);
    String cram = fields.get("cram");
    if (cram != null) {
      return new Challenge(cram);
    }
    String success = fields.get("success");
    if (success == null) {
      return new Greeting(line);
    }
    return switch (success) {
      case "1" -> new AuthReply(true, fields.get("session_id"), null);
      case "0" -> new AuthReply(false, fields.get("session_id"), fields.getOrDefault("error", ""));
      default -> throw new IllegalArgumentException("success must be 0 or 1: " + success);
    };
  }
}
