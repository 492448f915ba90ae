package dev.pgpipe.nats;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import io.nats.client.Message;

/** Checks a consumer makes on a message's payload against its headers. Pure. */
final class ChunkChecks {

  private ChunkChecks() {}

  /**
   * Decodes the payload and checks it is the part the headers announce.
   *
   * @throws RuntimeException when it is not a change envelope, or another part
   */
  static Transaction decode(EnvelopeCodec codec, Message message, ChunkHeader header) {
    Transaction part = codec.decodeTransaction(message.getData());
    if (part.part() != header.chunk() || part.lastPart() != header.last()) {
      throw new IllegalStateException(
          "payload part " + part.part() + " does not match header chunk " + header.chunk());
    }
    return part;
  }

  /** A chunk that arrived instead of the one {@code expecting} names. */
  static IllegalStateException unexpected(long seq, ChunkHeader header, String expecting) {
    return new IllegalStateException(
        "message "
            + seq
            + ", chunk "
            + header.chunk()
            + " of transaction "
            + header.transaction()
            + ", arrived instead of "
            + expecting
            + ": a message is missing from the stream");
  }
}
