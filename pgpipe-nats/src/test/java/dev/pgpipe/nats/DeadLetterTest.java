package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A transaction the target refuses is redelivered, then after the maximum number of deliveries goes
 * to the dead-letter subject with the error; the transactions after it are applied.
 */
@WithPostgres
class DeadLetterTest {

  /** Refuses any part holding a row whose {@code v} is "poison". */
  private record Poisoned(TransactionHandler inner, AtomicInteger refusals)
      implements TransactionHandler {
    @Override
    public void accept(String source, Transaction part) throws Exception {
      for (ChangeEvent event : part.events()) {
        Map<String, ?> row = event.after();
        if (row != null && "poison".equals(row.get("v"))) {
          refusals.incrementAndGet();
          throw new IllegalStateException("poison row " + row.get("id"));
        }
      }
      inner.accept(source, part);
    }

    @Override
    public void abort() {
      inner.abort();
    }
  }

  @Test
  void poisonTransactionReachesTheDeadLetterSubjectAfterMaxDeliveries(TestDatabase source)
      throws Exception {
    TestDatabase target = Pipes.target("dead");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    AtomicInteger refusals = new AtomicInteger();
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, "dead", List.of("t")));
        Background publisher = Pipes.publishing(source, "dead", SnapshotMode.NEVER, nats.url());
        Background consumer =
            Pipes.consuming(
                Pipes.consumer(nats.url(), "dead").maxDeliveries(3).build(),
                new Poisoned(new TransactionSinkHandler(sink, false), refusals))) {
      Await.until("slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "dead"));
      source.execute(
          "INSERT INTO t VALUES (1, 'fine')",
          "INSERT INTO t VALUES (2, 'poison')",
          "INSERT INTO t VALUES (3, 'fine too')");
      Await.until(
          "rows 1 and 3 applied, the poison dead-lettered",
          Duration.ofSeconds(60),
          () -> {
            publisher.check();
            consumer.check();
            return Pipes.count(target, "t") == 2 && Pipes.messages(nats.url(), "PGPIPE_DEAD") == 1;
          });
      // three deliveries on its own, plus one when it failed inside a batch with its neighbours
      assertThat(refusals.get()).isBetween(3, 4);
      assertThat(Pipes.text(target, "SELECT string_agg(id::text, ',' ORDER BY id) FROM t"))
          .isEqualTo("1,3");
      try (Connection c = Nats.connect(nats.url())) {
        MessageInfo dead = c.jetStreamManagement().getMessage("PGPIPE_DEAD", 1);
        Headers headers = Objects.requireNonNull(dead.getHeaders());
        assertThat(dead.getSubject()).isEqualTo("pgpipe_dead.src.dead");
        assertThat(headers.getFirst("Pgpipe-Error"))
            .isEqualTo("IllegalStateException: poison row 2");
        assertThat(headers.getFirst("Pgpipe-Deliveries")).isEqualTo("3");
        assertThat(headers.getFirst("Pgpipe-Original-Subject")).isEqualTo("pgpipe.src.public.t");
        Transaction poison =
            new EnvelopeCodec()
                .decodeTransaction(new String(dead.getData(), StandardCharsets.UTF_8));
        assertThat(poison.events())
            .singleElement()
            .satisfies(e -> assertThat(e.after()).containsEntry("v", "poison"));
      }
    }
  }
}
