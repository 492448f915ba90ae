package dev.pgpipe.nats;

import dev.pgpipe.cdc.pgoutput.Lsn;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Where a stream ends when a publisher starts: its last sequence (what the first message expects
 * before it) and the last message of the publisher's source, so that transactions the slot sends
 * again but the stream already holds are not published again, however long ago they were stored
 * (JetStream's duplicate window alone would forget them). Immutable.
 *
 * @param lastSequence the stream's last sequence (0: empty)
 * @param ours the source's last stored message, null when the stream holds none of it
 */
record StreamTail(long lastSequence, @Nullable Stored ours) {

  /** JetStream's API error code for "no message found". */
  static final int NO_MESSAGE = 10037;

  /** A stored message of the source: its sequence, headers and message id. */
  record Stored(long sequence, ChunkHeader header, String messageId) {

    /** The commit LSN of its transaction, or the snapshot's LSN. */
    long lsn() {
      String key = header.transaction();
      if (header.isSnapshot()) {
        String rest = key.substring("snapshot:".length());
        return Lsn.parse(rest.substring(0, rest.indexOf(':')));
      }
      return Lsn.parse(key);
    }
  }

  /** Reads the tail of {@code stream}; {@code subjects} are the source's ({@code p.source.>}). */
  static StreamTail read(JetStreamManagement jsm, String stream, String subjects)
      throws IOException, JetStreamApiException {
    long last = jsm.getStreamInfo(stream).getStreamState().getLastSequence();
    if (last == 0) {
      return new StreamTail(0, null);
    }
    MessageInfo message;
    try {
      message = jsm.getLastMessage(stream, subjects);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NO_MESSAGE) {
        return new StreamTail(last, null);
      }
      throw e;
    }
    String id =
        message.getHeaders() == null ? null : message.getHeaders().getFirst(ChunkHeader.MSG_ID);
    try {
      ChunkHeader header = ChunkHeader.from(message.getHeaders());
      return new StreamTail(last, new Stored(message.getSeq(), header, id == null ? "" : id));
    } catch (IllegalArgumentException notOurs) {
      return new StreamTail(last, null); // a foreign message on our subjects: nothing to skip by
    }
  }

  /**
   * Whether the part at {@code lsn} (a transaction's commit LSN, or a snapshot's) lies wholly
   * before the source's last stored message: a transaction committed before it, or a snapshot taken
   * before it.
   */
  boolean before(long lsn) {
    Stored stored = ours;
    return stored != null && Long.compareUnsigned(lsn, stored.lsn()) < 0;
  }

  /**
   * How many chunks of the transaction at {@code lsn} the stream holds already, when the source's
   * last message is one of its chunks cut the same way ({@code idOfChunk} gives the id a chunk
   * index gets now); 0 otherwise. A snapshot is always sent again (JetStream drops duplicates).
   */
  int chunksStored(long lsn, java.util.function.IntFunction<String> idOfChunk) {
    Stored stored = ours;
    if (stored == null || stored.header().isSnapshot() || stored.lsn() != lsn) {
      return 0;
    }
    int chunk = stored.header().chunk();
    return idOfChunk.apply(chunk).equals(stored.messageId()) ? chunk + 1 : 0;
  }

  /** Whether the source's last message completes the transaction at {@code lsn}. */
  boolean completes(long lsn) {
    Stored stored = ours;
    return stored != null
        && !stored.header().isSnapshot()
        && stored.lsn() == lsn
        && stored.header().last();
  }
}
