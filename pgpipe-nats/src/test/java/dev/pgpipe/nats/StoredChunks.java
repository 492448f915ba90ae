package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The change-data stream's transaction messages, read from their headers (snapshots left out). */
final class StoredChunks {

  /** One stored message: its transaction's commit LSN, chunk number and last flag. */
  record Chunk(String transaction, int chunk, boolean last) {}

  /** One stored message as it was sent: its message id and the start of its payload. */
  record Sent(String messageId, String payloadStart) {}

  private StoredChunks() {}

  /** Chunk numbers per transaction, in stream order. */
  static Map<String, List<Chunk>> read(String natsUrl) throws Exception {
    Map<String, List<Chunk>> chunks = new LinkedHashMap<>();
    eachTransactionMessage(
        natsUrl,
        (message, header) ->
            chunks
                .computeIfAbsent(header.transaction(), k -> new ArrayList<>())
                .add(new Chunk(header.transaction(), header.chunk(), header.last())));
    return chunks;
  }

  /** The transaction messages as they were sent, in stream order. */
  static List<Sent> sent(String natsUrl) throws Exception {
    List<Sent> sent = new ArrayList<>();
    eachTransactionMessage(
        natsUrl,
        (message, header) -> {
          byte[] data = Objects.requireNonNull(message.getData());
          String id = Objects.requireNonNull(message.getHeaders()).getFirst(ChunkHeader.MSG_ID);
          sent.add(
              new Sent(
                  Objects.requireNonNull(id),
                  new String(data, 0, Math.min(data.length, 48), StandardCharsets.UTF_8)));
        });
    return sent;
  }

  private interface Visit {
    void message(MessageInfo message, ChunkHeader header);
  }

  /** Visits the stream's messages in order, snapshots left out. */
  private static void eachTransactionMessage(String natsUrl, Visit visit) throws Exception {
    try (Connection c = Nats.connect(natsUrl)) {
      JetStreamManagement jsm = c.jetStreamManagement();
      long last = jsm.getStreamInfo(StreamSettings.DEFAULT_NAME).getStreamState().getLastSequence();
      for (long seq = 1; seq <= last; seq++) {
        MessageInfo message = jsm.getMessage(StreamSettings.DEFAULT_NAME, seq);
        ChunkHeader header = ChunkHeader.from(message.getHeaders());
        if (!header.isSnapshot()) {
          visit.message(message, header);
        }
      }
    }
  }

  /** Asserts that every transaction was stored once: chunks 0, 1, ... n, only n marked last. */
  static void assertEachOnceInOrder(Map<String, List<Chunk>> chunks) {
    for (Map.Entry<String, List<Chunk>> tx : chunks.entrySet()) {
      List<Chunk> stored = tx.getValue();
      List<Chunk> expected = new ArrayList<>();
      for (int i = 0; i < stored.size(); i++) {
        expected.add(new Chunk(tx.getKey(), i, i == stored.size() - 1));
      }
      assertThat(stored).as("chunks of transaction %s", tx.getKey()).isEqualTo(expected);
    }
  }

  /** The last message of the stream: whether it completes its transaction (a snapshot does). */
  static boolean lastCompletes(String natsUrl) {
    try (Connection c = Nats.connect(natsUrl)) {
      JetStreamManagement jsm = c.jetStreamManagement();
      long last = jsm.getStreamInfo(StreamSettings.DEFAULT_NAME).getStreamState().getLastSequence();
      Headers headers = jsm.getMessage(StreamSettings.DEFAULT_NAME, last).getHeaders();
      return "true".equals(Objects.requireNonNull(headers).getFirst(ChunkHeader.LAST));
    } catch (IOException | JetStreamApiException e) {
      throw new IllegalStateException("cannot read the stream's last message: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
