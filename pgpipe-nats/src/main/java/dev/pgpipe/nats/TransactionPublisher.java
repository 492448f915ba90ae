package dev.pgpipe.nats;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.CopiedTable;
import dev.pgpipe.cdc.DrainLoop;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.TransactionSink;
import dev.pgpipe.cdc.TransactionSource;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.Ticker;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Publishes committed transactions to JetStream, each as one message or as ordered chunks (see
 * {@link Subjects} for where and {@link ChunkHeader} for the headers).
 *
 * <p>{@link #write} sends a batch through a {@link PublishWindow} (many messages in flight, each
 * expecting the stream sequence before it, so nothing is stored past a hole) and returns only when
 * JetStream acknowledged every chunk of it, so the caller may then acknowledge the batch to its
 * {@link ChangeStream} (the source confirms the LSN only after the last part); {@link #publish}
 * does the same for one part. While NATS is unreachable, the stream has no leader or is full, it
 * sends again from the first unacknowledged message, with the same {@code Nats-Msg-Id}, until
 * stored: publishing pauses, nothing is dropped, and JetStream drops what it already had. So the
 * stream holds a source's transactions in commit order and a transaction's chunks contiguous.
 *
 * <p>A stream has one publisher ({@link WriterLock}: a second one fails at start). On start it
 * reads the stream's last message of its source ({@link StreamTail}) and does not send again what
 * the stream holds, however old. Not thread-safe, but for {@link #connectionState()}.
 */
public final class TransactionPublisher implements TransactionSink, AutoCloseable {

  /** A drain-loop batch holds this many windows: the window stays full while a batch is sent. */
  static final int BATCH_PER_WINDOW = 4;

  /**
   * How long a drain-loop batch stays open while the slot keeps delivering: a batch only spreads
   * the wait for the window's acknowledgements over several transactions, so holding one longer
   * buys little and adds its age to every transaction's lag (the loop's default of a second made a
   * steady 500 tx/s wait about half a second in the publisher).
   */
  static final Duration BATCH_LINGER = Duration.ofMillis(10);

  private final PublisherConfig config;
  private final Connection connection;
  private final NatsConnections.ConnectionEvents events;
  private final PublishWindow window;
  private final StreamTail tail;
  private final WriterLock lock;
  private final Chunker chunker;
  private final Map<String, Run> snapshots = new HashMap<>();
  private @Nullable Run open;
  private long transactions;
  private long alreadyStored;

  /**
   * A transaction (or a table's snapshot) whose first parts were published: where its next chunk
   * goes, and how it is cut (see {@link ChunkHeader#messageId}).
   */
  private record Run(String key, String subject, String cut, int nextChunk) {
    Run next(int chunk) {
      return new Run(key, subject, cut, chunk);
    }
  }

  private TransactionPublisher(
      PublisherConfig config,
      Connection connection,
      NatsConnections.ConnectionEvents events,
      StreamTail tail,
      WriterLock lock) {
    this.config = config;
    this.connection = connection;
    this.events = events;
    this.tail = tail;
    this.lock = lock;
    try {
      JetStream js = connection.jetStream(JetStreamOptions.builder().build());
      String stream = config.stream().name();
      this.window =
          new PublishWindow(
              stream,
              connection,
              js,
              new WindowRecovery(connection.jetStreamManagement(), stream),
              config.window(),
              config.publishTimeout(),
              new DurablePublish.Time(
                  config.retry(), config.ticker(), events.wakingOnReconnect(config.sleeper())),
              tail.lastSequence());
    } catch (IOException e) {
      throw new NatsTransportException("JetStream is not available on " + config.nats(), e);
    }
    long serverMax = connection.getMaxPayload();
    int limit = (int) Math.min(config.maxChunkBytes(), serverMax - PublisherConfig.HEADER_ROOM);
    this.chunker = new Chunker(limit);
  }

  /**
   * Connects, and creates or checks the stream.
   *
   * @throws NatsTransportException when NATS cannot be reached or the stream differs
   */
  public static TransactionPublisher connect(PublisherConfig config) {
    var events = NatsConnections.ConnectionEvents.of(config);
    Connection connection =
        NatsConnections.connect(config.nats(), events, config.ticker(), config.sleeper());
    try {
      JetStreamManagement jsm = connection.jetStreamManagement();
      String stream = config.stream().name();
      StreamSetup.ensure(jsm, config.stream(), new Unanswered(config.ticker(), config.sleeper()));
      WriterLock lock =
          WriterLock.acquire(connection, config.subjects().prefix(), stream, config.source());
      StreamTail tail = StreamTail.read(jsm, stream, config.subjects().everything(config.source()));
      return new TransactionPublisher(config, connection, events, tail, lock);
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      NatsConnections.closeQuietly(connection);
      throw e instanceof NatsTransportException n
          ? n
          : new NatsTransportException("cannot set up JetStream: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the change stream of {@code cdc} and publishes it until {@code stop} says so (or an
   * {@code initial_only} snapshot is done), acknowledging each part once JetStream stored it.
   * Returns the number of transactions published. This is {@code pgpipe cdc --to nats://...}.
   *
   * @throws dev.pgpipe.cdc.CdcException when the source fails
   * @throws NatsTransportException when JetStream rejects a message or the stream differs
   */
  public static long run(CdcConfig cdc, PublisherConfig config, BooleanSupplier stop) {
    try (TransactionPublisher publisher = connect(config);
        ChangeStream stream = ChangeStream.open(cdc)) {
      publisher.loop(stream).stopRules(StopRules.onRequest(stop, Ticker.SYSTEM)).build().run();
      return publisher.stats().transactions();
    }
  }

  /**
   * A loop from {@code source} that publishes each transaction (or part) as it comes and
   * acknowledges it once JetStream stored it; a batch is open at most {@link #BATCH_LINGER}.
   */
  public DrainLoop.Builder loop(TransactionSource source) {
    return DrainLoop.builder(source, this)
        .batchParts(config.windowMessages() * BATCH_PER_WINDOW)
        .batchBytes(config.windowBytes() * BATCH_PER_WINDOW)
        .flushInterval(BATCH_LINGER);
  }

  /**
   * Publishes the parts in order ({@link #publish}), returning when JetStream stored all of them.
   *
   * @throws NatsTransportException when JetStream rejects a message or the connection is closed
   */
  @Override
  public void write(List<Transaction> batch) {
    batch.forEach(this::send);
    window.drain();
  }

  /**
   * Publishes one transaction or part of one (parts in order, as a {@link ChangeStream} hands them
   * out), returning when JetStream stored all of it.
   *
   * @throws NatsTransportException when JetStream rejects a message or the connection is closed
   */
  public void publish(Transaction part) {
    send(part);
    window.drain();
  }

  /** Sends a part through the window, or skips it when the stream holds it already. */
  private void send(Transaction part) {
    if (tail.before(part.commitLsn()) || (!part.isSnapshot() && tail.completes(part.commitLsn()))) {
      alreadyStored++;
      if (part.lastPart() && !part.isSnapshot()) {
        transactions++;
      }
      return;
    }
    if (part.isSnapshot()) {
      publishSnapshot(part);
      return;
    }
    if (part.part() == 0) {
      if (part.lastPart() && part.events().isEmpty()) {
        return;
      }
      open = new Run(Lsn.format(part.commitLsn()), subjectOf(part), cut(part), 0);
    }
    Run current = open;
    if (current == null || !current.key().equals(Lsn.format(part.commitLsn()))) {
      throw new IllegalStateException(
          "part " + part.part() + " of a transaction whose first part was not published: " + part);
    }
    int next = send(current, part);
    open = part.lastPart() ? null : current.next(next);
    if (part.lastPart()) {
      transactions++;
    }
  }

  private void publishSnapshot(Transaction part) {
    CopiedTable table =
        part.events().isEmpty() ? null : CopiedTable.of(part.events().get(0)).orElse(null);
    if (table == null) {
      return;
    }
    String key = "snapshot:" + Lsn.format(part.commitLsn()) + ":" + table.qualifiedName();
    Run current = snapshots.get(key);
    if (current == null) {
      String subject = config.subjects().table(config.source(), table.schema(), table.name());
      current = new Run(key, subject, cut(part), 0);
    }
    int next = send(current, part);
    if (part.lastPart()) {
      snapshots.remove(key);
    } else {
      snapshots.put(key, current.next(next));
    }
  }

  /**
   * What decides where the chunks of the transaction whose first part this is end: the reader's
   * part size (the size of a first part that is not the last; 0 for a transaction in one part), the
   * chunk limit, and the envelope format (format 1, which publishers before format 2 wrote, had no
   * suffix).
   */
  private String cut(Transaction first) {
    return "p" + (first.lastPart() ? 0 : first.size()) + "c" + chunker.maxBytes() + "f2";
  }

  private int send(Run run, Transaction part) {
    int firstChunk = run.nextChunk();
    List<Chunker.Chunk> chunks = chunker.split(part, firstChunk);
    int total = part.part() == 0 && part.lastPart() ? chunks.size() : 0;
    int stored =
        part.isSnapshot()
            ? 0
            : tail.chunksStored(
                part.commitLsn(),
                chunk ->
                    new ChunkHeader(config.source(), run.key(), part.xid(), chunk, false, 0)
                        .messageId(run.cut()));
    for (Chunker.Chunk chunk : chunks) {
      Transaction tx = chunk.transaction();
      if (tx.part() < stored) {
        alreadyStored++;
        continue;
      }
      int count = tx.lastPart() ? tx.part() + 1 : total;
      ChunkHeader header =
          new ChunkHeader(config.source(), run.key(), part.xid(), tx.part(), tx.lastPart(), count);
      window.send(run.subject(), header.toHeaders(), header.messageId(run.cut()), chunk.payload());
    }
    return firstChunk + chunks.size();
  }

  /** The table subject when every event touches one table and this is the only part. */
  private String subjectOf(Transaction part) {
    TableSchema only = null;
    boolean single = part.lastPart() && !part.events().isEmpty();
    for (ChangeEvent event : part.events()) {
      TableSchema table = event.table();
      if (table == null || (only != null && !only.qualifiedName().equals(table.qualifiedName()))) {
        single = false;
        break;
      }
      only = table;
    }
    if (single && only != null) {
      return config.subjects().table(config.source(), only.schema(), only.name());
    }
    return config.subjects().transaction(config.source());
  }

  /** The largest chunk payload this publisher sends. */
  public int maxChunkBytes() {
    return chunker.maxBytes();
  }

  public PublisherStats stats() {
    return new PublisherStats(
        transactions,
        window.messages(),
        window.duplicates(),
        window.bytes(),
        window.retries(),
        events.reconnects.get(),
        alreadyStored);
  }

  /**
   * The NATS connection's state now: not connected while the server is lost and the client
   * reconnects (publishing waits). Reads local state only; may be called from any thread.
   */
  public ConnectionState connectionState() {
    return ConnectionState.of(connection, events);
  }

  /** Flushes and closes the connection. Idempotent. */
  @Override
  public void close() {
    lock.close();
    NatsConnections.closeQuietly(connection);
  }
}
