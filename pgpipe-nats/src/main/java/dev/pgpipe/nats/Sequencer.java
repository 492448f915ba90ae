package dev.pgpipe.nats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides, message by message, what a consumer does so that transactions reach the handler whole
 * and in stream order, whatever JetStream redelivers. Pure state, no I/O. Not thread-safe.
 *
 * <p>The consumer acknowledges only the last message of a transaction (JetStream's ack-all policy
 * acknowledges everything before it too), so after a restart delivery resumes at the first chunk of
 * the first incomplete transaction. Within a run:
 *
 * <ul>
 *   <li>a message at or below the last completed one is a redelivery: acknowledge it again;
 *   <li>a chunk of the open transaction already taken is a redelivery, or a copy the publisher
 *       stored again after JetStream's duplicate window: ignore it;
 *   <li>the open transaction's next chunk is applied; its chunk 0 again means the publisher sent it
 *       again from the start: restart it;
 *   <li>with no open transaction, a chunk 0 (or a snapshot message) starts one; later chunks of a
 *       dead-lettered transaction follow it to the dead-letter subject; any other chunk has lost
 *       its beginning (an orphan);
 *   <li>anything else while a transaction is open is unexpected: a failure, handled like one.
 * </ul>
 */
final class Sequencer {

  enum Action {
    APPLY,
    RESTART,
    SKIP_DONE,
    SKIP_HELD,
    DEAD_REST,
    ORPHAN,
    UNEXPECTED
  }

  /** The transaction being received: what came, and the reply subjects to acknowledge with. */
  private static final class Open {
    final String source;
    final String key;
    final long firstSeq;
    long lastSeq;
    int nextChunk;
    final Map<Long, String> replies = new LinkedHashMap<>();

    Open(String source, String key, long firstSeq) {
      this.source = source;
      this.key = key;
      this.firstSeq = firstSeq;
    }
  }

  private long doneSeq;
  private @Nullable Open open;
  private @Nullable String deadKey;

  Action decide(long seq, ChunkHeader header) {
    if (seq <= doneSeq) {
      return Action.SKIP_DONE;
    }
    Open current = open;
    if (current != null) {
      if (seq <= current.lastSeq) {
        return Action.SKIP_HELD;
      }
      if (current.source.equals(header.source()) && current.key.equals(header.transaction())) {
        if (header.chunk() > 0 && header.chunk() < current.nextChunk) {
          return Action.SKIP_HELD;
        }
        if (header.chunk() == current.nextChunk) {
          return Action.APPLY;
        }
        if (header.chunk() == 0) {
          return Action.RESTART;
        }
      }
      return Action.UNEXPECTED;
    }
    if (header.chunk() == 0 || header.isSnapshot()) {
      return Action.APPLY;
    }
    return deadKeyOf(header).equals(deadKey) ? Action.DEAD_REST : Action.ORPHAN;
  }

  /** The handler took a chunk that does not complete its transaction. */
  void took(long seq, ChunkHeader header, String reply) {
    Open current = open;
    if (current == null || header.chunk() == 0) {
      current = new Open(header.source(), header.transaction(), seq);
      open = current;
    }
    current.lastSeq = seq;
    current.nextChunk = header.chunk() + 1;
    current.replies.put(seq, reply);
  }

  /** A redelivered chunk of the open transaction: acknowledge it with its newest reply subject. */
  void redelivered(long seq, String reply) {
    Open current = open;
    if (current != null && current.replies.containsKey(seq)) {
      current.replies.put(seq, reply);
    }
  }

  /** The message at {@code seq} completed a transaction (or was dead-lettered, or skipped). */
  void completed(long seq) {
    doneSeq = Math.max(doneSeq, seq);
    open = null;
  }

  /** The transaction of the message at {@code seq} went to the dead-letter subject. */
  void deadLettered(long seq, ChunkHeader header) {
    completed(seq);
    deadKey = header.last() ? null : deadKeyOf(header);
  }

  /** After a failure: forget the open transaction (its messages are redelivered). */
  void reset() {
    open = null;
  }

  /** Stream sequence of the open transaction's first chunk, or {@code seq} when none is open. */
  long firstSeq(long seq) {
    Open current = open;
    return current == null ? seq : current.firstSeq;
  }

  /** Reply subjects of the chunks taken so far, in stream order. */
  List<String> heldReplies() {
    Open current = open;
    return current == null ? List.of() : new ArrayList<>(current.replies.values());
  }

  boolean isOpen() {
    return open != null;
  }

  private static String deadKeyOf(ChunkHeader header) {
    return header.source() + ":" + header.transaction();
  }
}
