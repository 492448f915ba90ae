package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.CapturedLogs;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * nats-server goes away (stopped; same port and store kept) for longer than every client-side
 * timeout and retry interval in play, while the publisher publishes a steady workload and the
 * consumer applies it, then comes back. Both wait with backoff and resume on their own; nothing is
 * lost or stored or applied twice; the log tells the operator NATS is unreachable and that they
 * wait, without a stack trace per retry; and the source slot is not confirmed past what JetStream
 * had stored when it went away.
 *
 * <p>Publisher and consumer run with the production timings (not the fast test ones of {@link
 * Pipes}), so the outage outlasts what an operator's processes would wait. Its length is {@link
 * #OUTAGE}; {@code -Dpgpipe.test.natsOutageSeconds=60} sets another (issue 16 asks for 60 s).
 */
@WithPostgres
class NatsOutageTest {

  private static final String SLOT = "outage";
  private static final int ROWS = 20;
  private static final Duration PACE = Duration.ofMillis(25);
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

  /**
   * How soon after the stop the slot shows what was stored before it: the source's status interval
   * ({@link Pipes#source}: 200 ms) with room to spare.
   */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  /** The longest client-side timeout or retry interval of the publisher and consumer below. */
  static final Duration LONGEST_CLIENT_WAIT =
      longest(publisherConfig("nats://x:1"), consumerConfig("nats://x:1"));

  /** Twice {@link #LONGEST_CLIENT_WAIT}, unless {@code pgpipe.test.natsOutageSeconds} is set. */
  static final Duration OUTAGE =
      Duration.ofSeconds(
          Long.getLong(
              "pgpipe.test.natsOutageSeconds", LONGEST_CLIENT_WAIT.multipliedBy(2).toSeconds()));

  @Test
  void natsAwayLongerThanEveryClientTimeout_bothWaitAndResume_nothingLostOrTwice(
      TestDatabase source) throws Exception {
    TestDatabase target = Pipes.target(SLOT);
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    AtomicReference<PublisherStats> published = new AtomicReference<>();
    AtomicReference<ConsumerStats> consumed = new AtomicReference<>();
    AtomicLong ledgerSkipped = new AtomicLong();
    int transactions;
    try (CapturedLogs logs = CapturedLogs.start();
        NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, SLOT, List.of("t")));
        Background publisher = publishing(source, nats.url(), published);
        Background consumer =
            Background.start(
                "consumer",
                stop ->
                    consumed.set(
                        TransactionConsumer.run(
                            consumerConfig(nats.url()),
                            new LedgerCounting(sink, ledgerSkipped),
                            stop::get)))) {
      Await.until("slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, SLOT));
      Workload.Steady workload = Workload.Steady.start(source, "t", ROWS, PACE);
      awaitApplied(target, 20, publisher, consumer);
      Outage outage = goAway(nats, source, publisher, consumer);
      long back = System.nanoTime();
      awaitApplied(target, workload.written() + 10, publisher, consumer);
      Duration resumed = Duration.ofNanos(System.nanoTime() - back);
      transactions = workload.stop();
      awaitApplied(target, transactions, publisher, consumer);
      System.out.printf(
          "NATS away %s (longest client wait %s); %d transactions; writes reached the target"
              + " again %s after it came back%n",
          OUTAGE, LONGEST_CLIENT_WAIT, transactions, resumed);
      assertThat(publisher.running()).as("publisher still runs").isTrue();
      assertThat(consumer.running()).as("consumer still runs").isTrue();
      assertThat(Pipes.checksum(target, "t")).isEqualTo(Pipes.checksum(source, "t"));
      var stored = StoredChunks.read(nats.url());
      assertThat(stored).as("one message per transaction").hasSize(transactions);
      StoredChunks.assertEachOnceInOrder(stored);
      assertThat(Pipes.messages(nats.url(), "PGPIPE")).isEqualTo(transactions);
      assertSlotHeldBack(outage, firstCommitStoredAfter(nats.url(), outage.stopped()));
      assertOperatorTold(logs, outage);
    }
    System.out.printf("publisher %s%nconsumer %s%n", published.get(), consumed.get());
    assertThat(consumed.get().transactions()).as("applied once each").isEqualTo(transactions);
    assertThat(consumed.get().events()).isEqualTo((long) transactions * ROWS);
    assertThat(ledgerSkipped.get()).as("events the sink's ledger had applied already").isZero();
    assertThat(published.get().reconnects()).isPositive();
  }

  /** Production timings: reconnect 100 ms doubling to 5 s, connect timeout 5 s. */
  static PublisherConfig publisherConfig(String url) {
    return PublisherConfig.builder().nats(NatsSettings.of(url)).source(Pipes.SOURCE).build();
  }

  static ConsumerConfig consumerConfig(String url) {
    return ConsumerConfig.builder()
        .nats(NatsSettings.of(url))
        .source(Pipes.SOURCE)
        .durable(SLOT)
        .build();
  }

  /**
   * The publish acknowledgement timeout, the publisher's and consumer's retry backoff caps, the
   * reconnect backoff cap and connect timeout, the pull expiry, and jnats' cleanup of requests
   * without reply (a request fails at the latest after two rounds of it; pgpipe keeps its default).
   */
  static Duration longest(PublisherConfig publisher, ConsumerConfig consumer) {
    return Stream.of(
            publisher.publishTimeout(),
            publisher.retry().maxDelay(),
            publisher.nats().maxReconnectWait(),
            publisher.nats().connectTimeout(),
            consumer.fetchWait(),
            consumer.retry().maxDelay(),
            consumer.nats().maxReconnectWait(),
            consumer.nats().connectTimeout(),
            Options.DEFAULT_REQUEST_CLEANUP_INTERVAL.multipliedBy(2))
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  /** A publisher as {@link TransactionPublisher#run} runs it, that leaves its counters behind. */
  private static Background publishing(
      TestDatabase source, String url, AtomicReference<PublisherStats> stats) {
    return Background.start(
        "publisher",
        stop -> {
          try (TransactionPublisher publisher = TransactionPublisher.connect(publisherConfig(url));
              ChangeStream changes =
                  ChangeStream.open(Pipes.source(source, SLOT, SnapshotMode.NEVER).build())) {
            publisher
                .loop(changes)
                .stopRules(StopRules.onRequest(stop::get, Ticker.SYSTEM))
                .build()
                .run();
            stats.set(publisher.stats());
          }
        });
  }

  private static void awaitApplied(
      TestDatabase target, int transactions, Background publisher, Background consumer) {
    Await.until(
        transactions + " transactions in the target",
        Duration.ofSeconds(120),
        () -> {
          publisher.check();
          consumer.check();
          return Pipes.count(target, "t") >= (long) transactions * ROWS;
        });
  }

  /**
   * The outage: when the server was told to stop, when it had stopped, when it was started again,
   * and the slot's confirmed position meanwhile.
   */
  private record Outage(
      Instant stopping, Instant stopped, Instant relaunched, List<Sample> confirmed) {}

  /** The slot's confirmed_flush_lsn at a moment. */
  private record Sample(Instant at, long lsn) {}

  /**
   * Stops nats-server for {@link #OUTAGE}, watching the slot and that both loops still run, then
   * starts it again on the same port and store.
   */
  private static Outage goAway(
      NatsServer nats, TestDatabase source, Background publisher, Background consumer) {
    Instant stopping = Instant.now();
    nats.stop();
    Instant stopped = Instant.now();
    long end = System.nanoTime() + OUTAGE.toNanos();
    List<Sample> samples = new ArrayList<>();
    while (System.nanoTime() - end
        < 0) { // a deliberate wall-clock interval, not a wait for a state
      samples.add(new Sample(Instant.now(), confirmedFlushLsn(source)));
      assertThat(publisher.running()).as("publisher runs while NATS is away").isTrue();
      assertThat(consumer.running()).as("consumer runs while NATS is away").isTrue();
      LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
    }
    Instant relaunched = Instant.now();
    nats.launch();
    return new Outage(stopping, stopped, relaunched, samples);
  }

  private static long confirmedFlushLsn(TestDatabase db) {
    return Long.parseLong(
        Pipes.text(
            db,
            "SELECT (confirmed_flush_lsn - '0/0')::int8 FROM pg_replication_slots"
                + " WHERE slot_name = '"
                + SLOT
                + "'"));
  }

  /**
   * The slot never confirmed a transaction JetStream had not stored (its commit LSN is past what
   * was confirmed), and stood still once what was stored before the stop was confirmed.
   */
  private static void assertSlotHeldBack(Outage outage, long firstUnstoredCommit) {
    List<Long> all = outage.confirmed().stream().map(Sample::lsn).toList();
    assertThat(all).as("samples").hasSizeGreaterThan(10);
    assertThat(all)
        .as(
            "confirmed_flush_lsn while NATS was away, first unstored commit %s",
            Lsn.format(firstUnstoredCommit))
        .allMatch(lsn -> lsn <= firstUnstoredCommit);
    Instant settled = outage.stopped().plus(SETTLE);
    List<Long> later =
        outage.confirmed().stream().filter(s -> s.at().isAfter(settled)).map(Sample::lsn).toList();
    assertThat(later).as("confirmed_flush_lsn after the stop settled").containsOnly(later.get(0));
    System.out.printf(
        "slot confirmed %s at the stop, %s during the outage; first commit stored after it %s%n",
        Lsn.format(all.get(0)), Lsn.format(later.get(0)), Lsn.format(firstUnstoredCommit));
  }

  /** The commit LSN of the first transaction JetStream stored at or after {@code instant}. */
  private static long firstCommitStoredAfter(String url, Instant instant) throws Exception {
    try (Connection c = Nats.connect(url)) {
      JetStreamManagement jsm = c.jetStreamManagement();
      String stream = StreamSettings.DEFAULT_NAME;
      long low = 1;
      long high = jsm.getStreamInfo(stream).getStreamState().getLastSequence();
      while (low < high) { // stored in time order: the first at or after instant
        long middle = (low + high) / 2;
        if (storedAt(jsm.getMessage(stream, middle)).isBefore(instant)) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      MessageInfo first = jsm.getMessage(stream, low);
      assertThat(storedAt(first)).as("a message stored after the stop").isAfter(instant);
      return Lsn.parse(ChunkHeader.from(first.getHeaders()).transaction());
    }
  }

  private static Instant storedAt(MessageInfo message) {
    return Objects.requireNonNull(message.getTime(), "stored message without a time").toInstant();
  }

  /**
   * While NATS was away, each of publisher and consumer warned once that it is unreachable and that
   * they reconnect and wait; the publisher's retries followed its backoff and said why; no warning
   * was about anything else and none carried a stack trace. Once it was back, both said so.
   */
  private static void assertOperatorTold(CapturedLogs logs, Outage outage) {
    long from = outage.stopping().toEpochMilli();
    long to = outage.relaunched().toEpochMilli();
    List<ILoggingEvent> during = logs.between(from, to);
    assertThat(during)
        .as("stack traces while NATS was away")
        .allMatch(e -> e.getThrowableProxy() == null);
    List<ILoggingEvent> warnings = logs.warnings(from, to);
    assertThat(messages(warnings))
        .as("warnings while NATS was away")
        .allMatch(m -> m.contains("NATS") && m.contains("unreachable"));
    List<String> back = messages(logs.between(to, Long.MAX_VALUE));
    for (String who : List.of("publisher " + Pipes.SOURCE, "consumer " + SLOT)) {
      assertThat(messages(warnings))
          .as("%s said once that NATS is away", who)
          .filteredOn(
              m -> m.startsWith(who + ": NATS at") && m.contains("reconnecting with backoff"))
          .hasSize(1);
      assertThat(back)
          .as("%s said it is back", who)
          .anyMatch(m -> m.startsWith(who + ": reconnected to NATS"));
    }
    PublisherConfig publisher = publisherConfig("nats://x:1");
    assertThat(warnings)
        .as("publish retries while NATS was away")
        .filteredOn(e -> e.getLoggerName().equals(PublishWindow.class.getName()))
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(retriesWithin(OUTAGE, publisher.retry()));
  }

  private static List<String> messages(List<ILoggingEvent> events) {
    return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** How many retries {@code backoff} allows in {@code interval}: its waits alone fill it. */
  private static int retriesWithin(Duration interval, Backoff backoff) {
    int retries = 0;
    Duration waited = Duration.ZERO;
    while (waited.compareTo(interval) <= 0) {
      retries++;
      waited = waited.plus(backoff.delayAfter(retries, 0.999));
    }
    return retries;
  }

  /** The table sink, counting the events its ledger skipped because they were applied already. */
  private static final class LedgerCounting implements TransactionHandler {
    private final TableSink sink;
    private final AtomicLong skipped;

    LedgerCounting(TableSink sink, AtomicLong skipped) {
      this.sink = sink;
      this.skipped = skipped;
    }

    @Override
    public void accept(String source, Transaction part) {
      acceptAll(source, List.of(part));
    }

    @Override
    public void acceptAll(String source, List<Transaction> parts) {
      skipped.addAndGet(sink.apply(parts).skipped());
    }

    @Override
    public void abort() {
      // every part was applied on its own: nothing to discard
    }

    @Override
    public boolean deadLettersFailedTransactions() {
      return false;
    }
  }
}
