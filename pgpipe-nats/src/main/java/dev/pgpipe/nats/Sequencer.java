package dev.pgpipe.nats;

import org.jspecify.annotations.Nullable;

/**
 * Decides, message by message, what a consumer does so that transactions reach the handler whole
 * and in stream order, whatever JetStream redelivers. Pure state, no I/O. Not thread-safe.
 *
 * <p>The consumer acknowledges only the last message of a transaction (JetStream's ack-all policy
 * acknowledges everything before it too), so after a restart delivery resumes at the first chunk of
 * the first incomplete transaction. The stream may also hold copies: a message published again
 * after JetStream's duplicate window is stored again, right after the first copy when a retried
 * publish came late, or as the whole of every transaction the slot had not confirmed when a
 * publisher restarts late (from their first chunks, after the first chunks of the one it had not
 * finished). Within a run:
 *
 * <ul>
 *   <li>a message at or below the last completed one is a redelivery: acknowledge it again;
 *   <li>a chunk of the open transaction already taken is a redelivery: ignore it;
 *   <li>the open transaction's next chunk is applied; its chunk 0 again means the publisher sent it
 *       again from the start: restart it; a later copy of a chunk it already took is skipped;
 *   <li>the chunk 0 of another transaction while one is open means the publisher restarted and
 *       sends again what its slot had not confirmed: abandon the open one (it comes again) and
 *       start the new one;
 *   <li>with no open transaction, a chunk 0 (or a snapshot message) starts one; a later copy of a
 *       chunk of the transaction just completed is skipped; later chunks of a dead-lettered
 *       transaction follow it to the dead-letter subject; any other chunk has lost its beginning
 *       (an orphan);
 *   <li>anything else while a transaction is open (a chunk missing) is unexpected: a failure,
 *       handled like one.
 * </ul>
 */
final class Sequencer {

  enum Action {
    APPLY,
    RESTART,
    ABANDON,
    SKIP_DONE,
    SKIP_HELD,
    SKIP_COPY,
    DEAD_REST,
    ORPHAN,
    UNEXPECTED
  }

  /** The transaction being received: where it started, how far it came. */
  private static final class Open {
    final String key;
    final long firstSeq;
    long lastSeq;
    int nextChunk;

    Open(String key, long firstSeq) {
      this.key = key;
      this.firstSeq = firstSeq;
    }
  }

  private long doneSeq;
  private @Nullable String doneKey;
  private @Nullable Open open;
  private @Nullable String deadKey;

  Action decide(long seq, ChunkHeader header) {
    if (seq <= doneSeq) {
      return Action.SKIP_DONE;
    }
    String key = keyOf(header);
    Open current = open;
    if (current != null) {
      if (seq <= current.lastSeq) {
        return Action.SKIP_HELD;
      }
      if (!current.key.equals(key)) {
        return header.chunk() == 0 && !header.isSnapshot() ? Action.ABANDON : Action.UNEXPECTED;
      }
      if (header.chunk() == current.nextChunk) {
        return Action.APPLY;
      }
      if (header.chunk() == 0) {
        return Action.RESTART;
      }
      return header.chunk() < current.nextChunk ? Action.SKIP_COPY : Action.UNEXPECTED;
    }
    if (header.chunk() == 0 || header.isSnapshot()) {
      return Action.APPLY;
    }
    if (key.equals(doneKey)) {
      return Action.SKIP_COPY;
    }
    return key.equals(deadKey) ? Action.DEAD_REST : Action.ORPHAN;
  }

  /** The handler took a chunk that does not complete its transaction. */
  void took(long seq, ChunkHeader header) {
    Open current = open;
    if (current == null || header.chunk() == 0) {
      current = new Open(keyOf(header), seq);
      open = current;
    }
    current.lastSeq = seq;
    current.nextChunk = header.chunk() + 1;
  }

  /**
   * The message at {@code seq} is a copy of a chunk already taken ({@link Action#SKIP_COPY}).
   * Returns whether to acknowledge it now: yes when its transaction is complete, no while it is
   * open (the acknowledgement of its last chunk will cover the copy).
   */
  boolean copied(long seq) {
    Open current = open;
    if (current != null) {
      current.lastSeq = seq;
      return false;
    }
    doneSeq = Math.max(doneSeq, seq);
    return true;
  }

  /**
   * The message at {@code seq} completed a transaction, {@code header}'s (null: it was skipped, or
   * dead-lettered).
   */
  void completed(long seq, @Nullable ChunkHeader header) {
    doneSeq = Math.max(doneSeq, seq);
    doneKey = header == null ? null : keyOf(header);
    open = null;
  }

  /** The transaction of the message at {@code seq} went to the dead-letter subject. */
  void deadLettered(long seq, ChunkHeader header) {
    completed(seq, null);
    deadKey = header.last() ? null : keyOf(header);
  }

  /** After a failure: forget the open transaction (the consumer restarts at its ack floor). */
  void reset() {
    open = null;
  }

  /** Stream sequence of the open transaction's first chunk, or {@code seq} when none is open. */
  long firstSeq(long seq) {
    Open current = open;
    return current == null ? seq : current.firstSeq;
  }

  boolean isOpen() {
    return open != null;
  }

  /** What the next message should be, for messages: the open transaction's next chunk. */
  String expecting() {
    Open current = open;
    return current == null
        ? "a first chunk"
        : "chunk "
            + current.nextChunk
            + " of "
            + current.key
            + " (after message "
            + current.lastSeq
            + ")";
  }

  private static String keyOf(ChunkHeader header) {
    return header.source() + ":" + header.transaction();
  }
}
