package dev.pgpipe.nats;

import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;

/**
 * What a message says about itself in its headers, so that a consumer can order, skip or
 * dead-letter it without decoding the payload:
 *
 * <pre>
 *   Nats-Msg-Id     &lt;source&gt;:&lt;commit LSN&gt;:&lt;chunk&gt;:&lt;cut&gt;          (deduplication by JetStream)
 *                   &lt;source&gt;:snapshot:&lt;LSN&gt;:&lt;schema.table&gt;:&lt;chunk&gt;:&lt;cut&gt;
 *                   cut: p&lt;reader part size, 0 for one part&gt;c&lt;chunk limit in bytes&gt;
 *   Pgpipe-Source   the source name
 *   Pgpipe-Tx       the transaction: its commit LSN (X/Y), or snapshot:&lt;LSN&gt;:&lt;schema.table&gt;
 *   Pgpipe-Xid      the source transaction id
 *   Pgpipe-Chunk    0, 1, ...: the chunk's index within the transaction
 *   Pgpipe-Chunks   the number of chunks: on every chunk when known at the first, always on the last
 *   Pgpipe-Last     true on the chunk that completes the transaction
 * </pre>
 *
 * Immutable.
 */
record ChunkHeader(
    String source, String transaction, long xid, int chunk, boolean last, int chunks) {

  static final String MSG_ID = "Nats-Msg-Id";
  static final String SOURCE = "Pgpipe-Source";
  static final String TX = "Pgpipe-Tx";
  static final String XID = "Pgpipe-Xid";
  static final String CHUNK = "Pgpipe-Chunk";
  static final String CHUNKS = "Pgpipe-Chunks";
  static final String LAST = "Pgpipe-Last";

  /** {@code chunks} is 0 when unknown. */
  ChunkHeader {
    if (chunk < 0 || chunks < 0 || (chunks > 0 && chunk >= chunks)) {
      throw new IllegalArgumentException("bad chunk " + chunk + " of " + chunks);
    }
  }

  boolean isSnapshot() {
    return transaction.startsWith("snapshot:");
  }

  /**
   * The id JetStream deduplicates by. {@code cut} names what decided where the chunks end (the
   * reader's part size and the chunk limit): a transaction cut otherwise gets other ids, so a
   * publisher restarted with other settings sends it again from its first chunk, and JetStream
   * never takes a chunk of the new cut for one of the old cut it stored.
   */
  String messageId(String cut) {
    return source + ":" + transaction + ":" + chunk + ":" + cut;
  }

  Headers toHeaders() {
    Headers headers = new Headers();
    headers.put(SOURCE, source);
    headers.put(TX, transaction);
    headers.put(XID, Long.toString(xid));
    headers.put(CHUNK, Integer.toString(chunk));
    if (chunks > 0) {
      headers.put(CHUNKS, Integer.toString(chunks));
    }
    headers.put(LAST, Boolean.toString(last));
    return headers;
  }

  /**
   * Reads the headers of a message.
   *
   * @throws IllegalArgumentException when they are missing or malformed (not a pgpipe message)
   */
  static ChunkHeader from(@Nullable Headers headers) {
    if (headers == null) {
      throw new IllegalArgumentException("message without headers: not published by pgpipe");
    }
    try {
      String chunks = headers.getFirst(CHUNKS);
      return new ChunkHeader(
          required(headers, SOURCE),
          required(headers, TX),
          Long.parseLong(required(headers, XID)),
          Integer.parseInt(required(headers, CHUNK)),
          Boolean.parseBoolean(required(headers, LAST)),
          chunks == null ? 0 : Integer.parseInt(chunks));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed pgpipe header: " + e.getMessage(), e);
    }
  }

  private static String required(Headers headers, String name) {
    String value = headers.getFirst(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("message without header " + name + ": not from pgpipe");
    }
    return value;
  }
}
