package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A publisher that retried a chunk for longer than JetStream's duplicate window stored it twice,
 * under two stream sequences: in the middle of its transaction and as its last chunk. The consumer
 * must hand the transaction to the handler once, whole, take the next one, and not count the copies
 * as a broken transaction to dead-letter. Unlike {@link StoredTwiceTest}, which checks the rows a
 * table sink (that skips what it applied) ends with, the handler here keeps everything it is given.
 */
class DuplicateChunkTest {

  private static final String CUT = "p0c1024";

  @Test
  void chunksStoredTwiceAreHandedOverOnceAndTheTransactionsApplied() throws Exception {
    Transaction tx = ChunkingTest.spanningChunksOf1024();
    List<Chunker.Chunk> chunks = new Chunker(1024).split(tx, 0);
    assertThat(chunks).hasSizeGreaterThan(2);
    Transaction next = ChunkingTest.part(true, "y");
    CollectingHandler handler = new CollectingHandler();
    try (NatsServer nats = NatsServer.start();
        TransactionConsumer consumer =
            TransactionConsumer.connect(
                Pipes.consumer(nats.url(), "dup").maxDeliveries(2).build(), handler);
        Connection connection = Nats.connect(nats.url())) {
      JetStream js = connection.jetStream();
      String subject = Subjects.defaults().transaction(Pipes.SOURCE);
      String key = Lsn.format(tx.commitLsn());
      for (int i = 0; i < chunks.size(); i++) {
        publish(js, subject, key, chunks, i, "");
        if (i == 1 || i == chunks.size() - 1) {
          publish(js, subject, key, chunks, i, ":stored again");
        }
      }
      publish(js, subject, "0/9001", new Chunker(1024).split(next, 0), 0, "");
      handler.pollUntilApplied(consumer, 2);
      assertThat(consumer.stats().skipped()).as("the copies").isEqualTo(2);
      assertThat(handler.applied).containsExactly(tx.events(), next.events());
    }
  }

  private static void publish(
      JetStream js, String subject, String key, List<Chunker.Chunk> chunks, int i, String copy)
      throws Exception {
    boolean last = i == chunks.size() - 1;
    ChunkHeader header = new ChunkHeader(Pipes.SOURCE, key, 77, i, last, last ? i + 1 : 0);
    js.publish(
        subject,
        header.toHeaders(),
        chunks.get(i).payload(),
        PublishOptions.builder().messageId(header.messageId(CUT) + copy).build());
  }
}
