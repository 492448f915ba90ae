package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An upgrade in the middle of a transaction: a publisher of envelope format 1 stored its first two
 * chunks, of one event each, and was stopped; the upgraded one, writing format 2 (fewer bytes, so
 * chunks of several events, under another cut name in the message ids), sends the transaction again
 * from its first chunk. The consumer drops the old chunks, applies the transaction once and whole
 * (a consumer that took the new chunks 0 and 1 for copies of the old would lose events), then the
 * next one, with no failure and no dead letter.
 */
class FormatUpgradeTest {

  private static final String OLD_CUT = "p0c2048";
  private static final String NEW_CUT = "p0c2048f2";

  @Test
  void aTransactionCutOffInFormatOne_isSentAgainInFormatTwo_andAppliedOnceWhole() throws Exception {
    String[] values = new String[30];
    Arrays.fill(values, "x".repeat(50));
    Transaction tx = ChunkingTest.part(true, values);
    List<Chunker.Chunk> chunks = new Chunker(2048).split(tx, 0);
    assertThat(chunks).hasSizeGreaterThan(2);
    EnvelopeCodec formatOne = new EnvelopeCodec();
    Transaction next = ChunkingTest.part(true, "y");
    CollectingHandler handler = new CollectingHandler();
    try (NatsServer nats = NatsServer.start();
        TransactionConsumer consumer =
            TransactionConsumer.connect(Pipes.consumer(nats.url(), "upgrade").build(), handler);
        Connection connection = Nats.connect(nats.url())) {
      JetStream js = connection.jetStream();
      String subject = Subjects.defaults().transaction(Pipes.SOURCE);
      String key = Lsn.format(tx.commitLsn());
      assertThat(chunks.get(1).transaction().size()).as("the new cut's chunk 1").isGreaterThan(1);
      for (int i = 0; i < 2; i++) { // the old publisher's first two chunks, then it stopped
        Transaction oldChunk =
            new Transaction(
                tx.xid(),
                tx.beginLsn(),
                tx.commitLsn(),
                tx.endLsn(),
                tx.commitTime(),
                tx.events().subList(i, i + 1),
                i,
                false);
        byte[] old = formatOne.encode(oldChunk).getBytes(StandardCharsets.UTF_8);
        publish(js, subject, new ChunkHeader(Pipes.SOURCE, key, 77, i, false, 0), old, OLD_CUT);
      }
      for (int i = 0; i < chunks.size(); i++) {
        boolean last = i == chunks.size() - 1;
        ChunkHeader header = new ChunkHeader(Pipes.SOURCE, key, 77, i, last, last ? i + 1 : 0);
        publish(js, subject, header, chunks.get(i).payload(), NEW_CUT);
      }
      Chunker.Chunk following = new Chunker(2048).split(next, 0).get(0);
      publish(
          js,
          subject,
          new ChunkHeader(Pipes.SOURCE, "0/9001", 78, 0, true, 1),
          following.payload(),
          NEW_CUT);
      handler.pollUntilApplied(consumer, 2);
      assertThat(handler.applied).containsExactly(tx.events(), next.events());
    }
  }

  private static void publish(
      JetStream js, String subject, ChunkHeader header, byte[] payload, String cut)
      throws Exception {
    js.publish(
        subject,
        header.toHeaders(),
        payload,
        PublishOptions.builder().messageId(header.messageId(cut)).build());
  }
}
