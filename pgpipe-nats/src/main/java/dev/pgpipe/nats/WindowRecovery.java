package dev.pgpipe.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Works out why JetStream refused a {@link PublishWindow}'s first unacknowledged message with
 * "wrong last sequence", by reading the stream: the message is stored already (its acknowledgement
 * was lost and the duplicate window has passed), the stream's last message is a copy of the
 * publisher's last one (a retried publish that came late, harmless: consumers skip copies), the
 * stream ends where the publisher thinks (the refusal was about a message lost before it: send
 * again), or someone else wrote to the stream (fail: one publisher per stream).
 */
final class WindowRecovery {

  /** What the stream says. */
  record Finding(Kind kind, long sequence, String message) {}

  enum Kind {
    HEAD_STORED,
    COPY_OF_LAST,
    AS_EXPECTED,
    FOREIGN
  }

  private final JetStreamManagement jsm;
  private final String stream;

  WindowRecovery(JetStreamManagement jsm, String stream) {
    this.jsm = jsm;
    this.stream = stream;
  }

  /**
   * The sequence of the stream's last message on {@code subject}: 0 when it holds none, -1 when
   * JetStream does not say ({@link SubjectChain.Lookup}).
   */
  long lastOn(String subject) {
    try {
      return jsm.getLastMessage(stream, subject).getSeq();
    } catch (JetStreamApiException e) {
      return e.getApiErrorCode() == StreamTail.NO_MESSAGE ? 0 : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * @param storedLast the sequence of the publisher's last stored message
   * @param storedLastId its message id ("" when none yet)
   * @param headId the id of the refused message
   */
  Finding explain(long storedLast, String storedLastId, String headId) {
    long last;
    try {
      last = jsm.getStreamInfo(stream).getStreamState().getLastSequence();
      if (last > storedLast) {
        if (headId.equals(idAt(storedLast + 1))) {
          return new Finding(Kind.HEAD_STORED, storedLast + 1, "");
        }
        if (!storedLastId.isEmpty() && storedLastId.equals(idAt(last))) {
          return new Finding(Kind.COPY_OF_LAST, last, "");
        }
      }
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      return new Finding(Kind.AS_EXPECTED, storedLast, "cannot read the stream: " + e);
    }
    if (last == storedLast) {
      return new Finding(Kind.AS_EXPECTED, last, "");
    }
    return new Finding(
        Kind.FOREIGN,
        last,
        "stream "
            + stream
            + " ends at sequence "
            + last
            + " but this publisher's last message is at "
            + storedLast
            + (last > storedLast
                ? ": another publisher writes to it. JetStream keeps a source's order only with one"
                    + " publisher per stream: stop the other one, or give each source its own"
                    + " stream (a stream name and subject prefix of its own)"
                : ": messages were removed (purged?) while publishing; check the stream"));
  }

  private @Nullable String idAt(long sequence) throws IOException, JetStreamApiException {
    try {
      MessageInfo message = jsm.getMessage(stream, sequence);
      return message.getHeaders() == null
          ? null
          : message.getHeaders().getFirst(ChunkHeader.MSG_ID);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == StreamTail.NO_MESSAGE) {
        return null;
      }
      throw e;
    }
  }
}
