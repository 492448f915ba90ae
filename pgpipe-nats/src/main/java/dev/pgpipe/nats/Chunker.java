package dev.pgpipe.nats;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a transaction part into chunks whose JSON envelope ({@code pgpipe-cdc/ENVELOPE.md}, format
 * 2: each table's columns once per envelope) fits in {@code maxBytes}. A chunk is itself a
 * transaction envelope: same xid and LSNs, a run of the events, {@code part} = the chunk's index
 * within the whole transaction, {@code last_part} only on the chunk that completes it. The cut
 * depends only on the events and {@code maxBytes}, so a publisher that restarts with the same
 * settings cuts a transaction exactly as before and JetStream can drop the chunks it already stored
 * (message ids name the settings, see {@link ChunkHeader#messageId}). Thread-safe.
 */
final class Chunker {

  /** One chunk: the transaction part it holds and its encoded envelope. */
  record Chunk(Transaction transaction, byte[] payload) {}

  private final EnvelopeCodec codec = EnvelopeCodec.compact();
  private final int maxBytes;

  Chunker(int maxBytes) {
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("maxBytes must be >= 1024: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  int maxBytes() {
    return maxBytes;
  }

  /**
   * The chunks of {@code part}, numbered from {@code firstChunk}.
   *
   * @throws NatsTransportException when a single event does not fit
   */
  List<Chunk> split(Transaction part, int firstChunk) {
    List<ChangeEvent> events = part.events();
    List<Chunk> chunks = new ArrayList<>();
    if (events.isEmpty()) {
      chunks.add(encode(part, events, firstChunk, part.lastPart()));
      return chunks;
    }
    int from = 0;
    int guess = events.size();
    while (from < events.size()) {
      int count = Math.min(guess, events.size() - from);
      boolean last = part.lastPart() && from + count == events.size();
      Chunk chunk =
          encode(part, events.subList(from, from + count), firstChunk + chunks.size(), last);
      int size = chunk.payload().length;
      if (size <= maxBytes) {
        chunks.add(chunk);
        from += count;
        guess = Math.max(count, estimate(count, size));
      } else if (count == 1) {
        throw tooLarge(part, events.get(from), size);
      } else {
        guess = Math.max(1, Math.min(count / 2, estimate(count, size)));
      }
    }
    return chunks;
  }

  /** How many events of the size just seen fill 90 % of a chunk. */
  private int estimate(int count, int size) {
    long fit = (long) count * maxBytes * 9 / 10 / Math.max(1, size);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fit));
  }

  private Chunk encode(Transaction part, List<ChangeEvent> events, int index, boolean last) {
    Transaction chunk =
        new Transaction(
            part.xid(),
            part.beginLsn(),
            part.commitLsn(),
            part.endLsn(),
            part.commitTime(),
            events,
            index,
            last);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
    try {
      codec.write(chunk, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Chunk(chunk, out.toByteArray());
  }

  private NatsTransportException tooLarge(Transaction part, ChangeEvent event, int size) {
    return new NatsTransportException(
        "event "
            + event.index()
            + " ("
            + event.operation().label()
            + " on "
            + event.source()
            + ") of the transaction committed at "
            + Lsn.format(part.commitLsn())
            + " encodes to "
            + size
            + " bytes, more than the chunk limit of "
            + maxBytes
            + ": raise the server's max_payload and the publisher's maxChunkBytes");
  }
}
