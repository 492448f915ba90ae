package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream at its limit with {@code DiscardNew} refuses new messages: the publisher waits (nothing
 * dropped, nothing reordered) until there is room. pgpipe creates its streams with {@code
 * DiscardNew}; an existing one that would delete unconsumed messages is warned about.
 */
@WithPostgres
class BackpressureTest {

  @Test
  void fullStream_publisherWaitsForRoom_thenEverythingArrivesInOrder(TestDatabase source)
      throws Exception {
    TestDatabase target = Pipes.target("full");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      JetStreamManagement jsm = c.jetStreamManagement();
      StreamConfiguration limited =
          StreamConfiguration.builder(StreamSetup.configuration(StreamSettings.defaults()))
              .maxMessages(3)
              .build();
      jsm.addStream(limited);
      try (Background publisher =
          Pipes.publishing(source, "full", SnapshotMode.NEVER, nats.url())) {
        Await.until("slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "full"));
        Workload.inserts(source, "t", 5, 2).get();
        Await.until(
            "the stream full",
            Duration.ofSeconds(30),
            () -> Pipes.messages(nats.url(), "PGPIPE") == 3);
        publisher.check();
        jsm.updateStream(StreamConfiguration.builder(limited).maxMessages(100).build());
        Await.until(
            "the rest stored once there is room",
            Duration.ofSeconds(30),
            () -> {
              publisher.check();
              return Pipes.messages(nats.url(), "PGPIPE") == 5;
            });
      }
      try (TableSink sink = TableSink.open(Pipes.sink(target, "full", List.of("t")));
          Background consumer =
              Pipes.consuming(
                  Pipes.consumer(nats.url(), "full").build(),
                  new TransactionSinkHandler(sink, false))) {
        Await.until(
            "every row applied",
            Duration.ofSeconds(30),
            () -> {
              consumer.check();
              return Pipes.count(target, "t") == 10;
            });
      }
      assertThat(Pipes.checksum(target, "t")).isEqualTo(Pipes.checksum(source, "t"));
    }
  }

  @Test
  void streamsAreCreatedWithDiscardNew_andDiscardOldWithLimitsIsWarnedAbout() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      StreamSetup.ensure(c.jetStreamManagement(), StreamSettings.defaults(), Pipes.UNANSWERED);
      StreamConfiguration created =
          c.jetStreamManagement().getStreamInfo("PGPIPE").getConfiguration();
      assertThat(created.getDiscardPolicy()).isEqualTo(DiscardPolicy.New);
      assertThat(StreamSetup.warnings(created)).isEmpty();
    }
    StreamConfiguration old =
        StreamConfiguration.builder()
            .name("OLD")
            .subjects("old.>")
            .discardPolicy(DiscardPolicy.Old)
            .build();
    assertThat(StreamSetup.warnings(old)).as("no limit: nothing deleted early").isEmpty();
    assertThat(StreamSetup.warnings(StreamConfiguration.builder(old).maxMessages(10).build()))
        .singleElement()
        .asString()
        .contains("discards its OLDEST messages when full", "max messages 10", "--discard new");
    assertThat(StreamSetup.warnings(StreamConfiguration.builder(old).maxBytes(1000).build()))
        .hasSize(1);
    assertThat(
            StreamSetup.warnings(StreamConfiguration.builder(old).maxMessagesPerSubject(1).build()))
        .hasSize(1);
  }
}
