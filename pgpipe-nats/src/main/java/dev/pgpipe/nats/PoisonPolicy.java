package dev.pgpipe.nats;

/**
 * What a {@link TransactionConsumer} does after it sent a poison message (one that is not a pgpipe
 * envelope, or one its handler refused every time) to the dead-letter subject.
 */
public enum PoisonPolicy {
  /**
   * Stop with an error that names the message: skipping it would break exactly-once for the tables
   * it touches. The message stays unacknowledged and comes first again after a restart.
   */
  STOP,
  /** Acknowledge it and go on with the next message (the operator accepted the loss). */
  DEAD_LETTER;

  /** {@code stop} or {@code dead-letter}. */
  public static PoisonPolicy parse(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "stop" -> STOP;
      case "dead-letter", "dead_letter", "deadletter" -> DEAD_LETTER;
      default ->
          throw new IllegalArgumentException(
              "on-poison must be stop or dead-letter, not '" + text + "'");
    };
  }
}
