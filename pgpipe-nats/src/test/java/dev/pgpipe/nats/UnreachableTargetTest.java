package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A target the table sink cannot reach is for the operator to fix: its transactions are delivered
 * again and again, never sent to the dead-letter subject, and land once the target is back.
 */
@WithPostgres
class UnreachableTargetTest {

  /** The table sink's handler, failing while the target is "down", counting its refusals. */
  private static final class Switchable implements TransactionHandler {
    private final TransactionSinkHandler up;
    private final TransactionSinkHandler down;
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile boolean reachable;

    Switchable(TableSink up, TableSink down) {
      this.up = new TransactionSinkHandler(up, false);
      this.down = new TransactionSinkHandler(down, false);
    }

    @Override
    public void accept(String source, Transaction part) throws Exception {
      if (!reachable) {
        refusals.incrementAndGet();
        down.accept(source, part);
      }
      up.accept(source, part);
    }

    @Override
    public void abort() {
      up.abort();
    }

    @Override
    public boolean deadLettersFailedTransactions() {
      return up.deadLettersFailedTransactions();
    }
  }

  @Test
  void transactionsWaitForAnUnreachableTargetInsteadOfGoingToTheDeadLetters(TestDatabase source)
      throws Exception {
    TestDatabase target = Pipes.target("unreach");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    SinkConfig config = Pipes.sink(target, "unreach", List.of("t"));
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(config);
        TableSink closed = TableSink.open(config)) {
      closed.close();
      Switchable handler = new Switchable(sink, closed);
      try (Background publisher =
              Pipes.publishing(source, "unreach", SnapshotMode.NEVER, nats.url());
          Background consumer =
              Pipes.consuming(
                  Pipes.consumer(nats.url(), "unreach").maxDeliveries(2).build(), handler)) {
        Await.until(
            "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "unreach"));
        source.execute("INSERT INTO t VALUES (1, 'waits'), (2, 'waits too')");
        Await.until(
            "three times max deliveries refused",
            Duration.ofSeconds(60),
            () -> {
              publisher.check();
              consumer.check();
              return handler.refusals.get() >= 6;
            });
        assertThat(Pipes.messages(nats.url(), "PGPIPE_DEAD")).isZero();
        handler.reachable = true;
        Await.until(
            "rows applied once the target is back",
            Duration.ofSeconds(60),
            () -> Pipes.count(target, "t") == 2);
      }
      assertThat(Pipes.messages(nats.url(), "PGPIPE_DEAD")).isZero();
    }
  }
}
