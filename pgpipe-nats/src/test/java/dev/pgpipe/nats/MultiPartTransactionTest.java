package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Transactions that straddle the reader's part size and the publisher's chunk size, mixed over
 * tables and operations and interleaved with one-row ones after a snapshot, go source → change
 * stream in small parts → publisher → JetStream in small chunks → consumer → table sink, and the
 * target ends with the source's rows, row by row.
 */
@WithPostgres
class MultiPartTransactionTest {

  @Test
  void transactionsInSeveralPartsAndChunksArriveWholeAfterEachOther(TestDatabase source)
      throws Exception {
    TestDatabase target = Pipes.target("multipart");
    MixedWorkload.createTables(source, target);
    MixedWorkload workload = MixedWorkload.seeded();
    workload.existingRows(source, 40);
    CdcConfig.Builder cdc = SmallParts.source(source, "multipart", SnapshotMode.INITIAL);
    AtomicReference<ConsumerStats> stats = new AtomicReference<>();
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, "multipart", MixedWorkload.TABLES));
        Background publisher = SmallParts.publishing(cdc, nats.url());
        Background consumer =
            SmallParts.consuming(
                Pipes.consumer(nats.url(), "multipart").build(),
                new TransactionSinkHandler(sink, false),
                stats)) {
      Await.until(
          "snapshot applied",
          Duration.ofSeconds(60),
          () -> {
            publisher.check();
            consumer.check();
            return Pipes.count(target, "tag") == 40;
          });
      source.execute(workload.boundaries(SmallParts.PART_SIZE).toArray(String[]::new));
      source.execute(MixedWorkload.end());
      SmallParts.awaitEnd(target, publisher, consumer);
      workload.assertSameRows(source, target);
      assertThat(sink.deadLetters()).isZero();
      Map<String, List<StoredChunks.Chunk>> chunks = StoredChunks.read(nats.url());
      StoredChunks.assertEachOnceInOrder(chunks);
      assertThat(chunks.values().stream().filter(c -> c.size() > 1).count())
          .as("transactions sent in several chunks")
          .isGreaterThan(40);
      assertThat(chunks.values().stream().mapToInt(List::size).max().orElse(0))
          .as("chunks of the largest transaction: three reader parts, some cut into several")
          .isGreaterThan(3);
      assertThat(StoredChunks.sent(nats.url()))
          .as("format 2, under a cut that names it: an upgraded publisher starts again")
          .allSatisfy(
              sent -> {
                assertThat(sent.messageId()).matches(".*:p\\d+c" + SmallParts.CHUNK_BYTES + "f2");
                assertThat(sent.payloadStart())
                    .startsWith("{\"format\":\"pgpipe.cdc.transaction/2\"");
              });
    }
    assertThat(stats.get().deadLetters()).isZero();
  }
}
