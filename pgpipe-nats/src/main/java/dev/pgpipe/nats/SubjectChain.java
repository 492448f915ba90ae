package dev.pgpipe.nats;

import io.nats.client.impl.Headers;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The stream sequence of the previous message on each subject, as the publisher's window places its
 * messages: each message carries it in header {@value #HEADER}, so that a consumer of a narrower
 * filter, which skips the sequences of other subjects by design, can still tell a message the
 * stream lost on its own subjects ({@link GapCheck}). A subject not written since the publisher
 * started is looked up in the stream once. Holds one entry per subject written: a table of the
 * source, or {@code _tx}. Not thread-safe.
 */
final class SubjectChain {

  /** The header: the stream sequence of the previous message on the same subject, 0 for none. */
  static final String HEADER = "Pgpipe-Subject-Previous";

  /** Finds the last stored sequence of a subject: 0 when none, negative when it cannot tell. */
  interface Lookup {
    long last(String subject);
  }

  private final Lookup lookup;
  private final Map<String, Long> stored = new HashMap<>();
  private final Map<String, Long> sent = new HashMap<>();

  SubjectChain(Lookup lookup) {
    this.lookup = lookup;
  }

  /**
   * The sequence of the message before {@code seq} on {@code subject} (0: none; negative: not
   * known), and {@code seq} becomes the subject's last one sent.
   */
  long next(String subject, long seq) {
    Long before = sent.get(subject);
    if (before == null) {
      before = stored.get(subject);
    }
    if (before == null) {
      before = lookup.last(subject);
      if (before >= 0) {
        stored.put(subject, before);
      }
    }
    sent.put(subject, seq);
    return before;
  }

  /**
   * What a message's {@value #HEADER} says: the previous sequence on its subject; negative when it
   * has none or not a number (a message from an older publisher, or not from pgpipe).
   */
  static long previous(@Nullable Headers headers) {
    String value = headers == null ? null : headers.getFirst(HEADER);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The message at {@code seq} on {@code subject} is stored. */
  void stored(String subject, long seq) {
    stored.put(subject, seq);
  }

  /** The messages in flight are sent again, in order: they take their places anew. */
  void rewind() {
    sent.clear();
  }
}
