package dev.pgpipe.sink.deadletter;

import org.jspecify.annotations.Nullable;

/** What a replay did with one dead letter. */
public sealed interface ReplayOutcome {

  /** The letter as it was read before the replay. */
  DeadLetter letter();

  /** Applied to the target; the letter was removed in the same target transaction. */
  record Applied(DeadLetter letter) implements ReplayOutcome {}

  /** Refused again: the letter stays with this error and one more attempt. */
  record FailedAgain(DeadLetter letter, String error, @Nullable String sqlState, int attempts)
      implements ReplayOutcome {}

  /**
   * Not applied because a later change may have written the same row (see {@link NewerRowRule});
   * the letter stays, and {@code --force} applies it anyway.
   */
  record Superseded(DeadLetter letter, String reason) implements ReplayOutcome {}

  /**
   * Not tried because an earlier letter of the same row (or table, for a truncate) stayed: applying
   * it out of order would leave the row in the wrong state. The letter stays.
   */
  record Held(DeadLetter letter, String behind) implements ReplayOutcome {}

  /** Its envelope cannot be decoded into an event (written as text only); the letter stays. */
  record Unreadable(DeadLetter letter, String reason) implements ReplayOutcome {}

  /** Gone before it could be locked: replayed or discarded by someone else meanwhile. */
  record Gone(DeadLetter letter) implements ReplayOutcome {}
}
