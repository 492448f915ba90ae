package dev.pgpipe.bench.replicate;

import dev.pgpipe.bench.Background;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.BufferFeeder;
import dev.pgpipe.sink.buffer.BufferProcessor;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import dev.pgpipe.sink.buffer.SinkHandler;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code pgpipe cdc --to buffer} and {@code pgpipe buffer process} in this process, side by side as
 * two services would run: a {@link BufferFeeder} drain loop from the pre-made slot into the change
 * buffer, kept where {@code cdc --to buffer} keeps it by default (the source database, schema
 * {@code pgpipe}; the publication names its tables, so the buffer's own writes are not captured),
 * and an ordered {@link BufferProcessor} handing the buffered events to the table sink of the
 * target ({@link SinkHandler}), each on a thread and a pool of its own. The buffer's settings are
 * its defaults except the flush interval, {@link #FLUSH_INTERVAL} instead of 5 s: the processor
 * waits that long whenever it finds less than a full batch, which would otherwise dominate a
 * catch-up of a few seconds. The buffer's source id, and the sink's, is the slot's name.
 */
record BufferPath(
    ConnectionSettings source, ConnectionSettings target, String slot, @Nullable Integer batchSize)
    implements ApplyPath {

  static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

  @Override
  public String name() {
    return "buffer";
  }

  /** Creates the buffer's tables, as {@code cdc --to buffer} does before it streams. */
  @Override
  public void prepare() {
    try (Database db = Cluster.open(source)) {
      new ChangeBuffer(db, config()).migrate();
    }
  }

  @Override
  public Running start() {
    Database feederDb = open("bench-replicate-buffer-feed");
    Database processorDb = open("bench-replicate-buffer-process");
    TableSink sink = TableSink.open(PathConfigs.sink(target, slot, batchSize));
    ChangeBuffer feedBuffer = new ChangeBuffer(feederDb, config());
    BufferProcessor processor =
        new BufferProcessor(
            new ChangeBuffer(processorDb, config()), slot, new SinkHandler(sink), true);
    Background feeder =
        Background.start(
            "bench-replicate-buffer-feed",
            stop -> {
              try (ChangeStream stream = ChangeStream.open(PathConfigs.cdc(source, slot))) {
                new BufferFeeder(feedBuffer, slot)
                    .loop(stream)
                    .stopRules(StopRules.onRequest(stop::get, Ticker.SYSTEM))
                    .build()
                    .run();
              }
            });
    Background processing =
        Background.start("bench-replicate-buffer-process", stop -> processor.run());
    return new BufferRun(feeder, processor, processing, sink, feederDb, processorDb);
  }

  private BufferConfig config() {
    return BufferConfig.defaults().withFlushInterval(FLUSH_INTERVAL);
  }

  private Database open(String name) {
    return Database.builder().settings(source).maxSize(2).name(name).open();
  }

  /** The feeder and the processor; closing stops the feeder first, then the processor. */
  private record BufferRun(
      Background feeder,
      BufferProcessor processor,
      Background processing,
      TableSink sink,
      Database feederDb,
      Database processorDb)
      implements Running {

    @Override
    public void check() {
      feeder.check();
      processing.check();
    }

    @Override
    public void close() {
      try (feederDb;
          processorDb;
          sink) {
        try {
          feeder.close();
        } finally {
          processor.close();
          processing.close();
        }
      }
    }
  }
}
