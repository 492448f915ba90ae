package dev.pgpipe.nats;

import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import java.time.Duration;
import java.util.List;

/**
 * A sink process for kill -9: args are the NATS URL, the target URL, the durable and the tables
 * (comma-separated).
 */
public final class ConsumerChild {

  private ConsumerChild() {}

  public static void main(String[] args) {
    SinkConfig sink =
        SinkConfig.builder()
            .url(args[1])
            .sourceId(args[2])
            .tables(List.of(args[3].split(",")))
            .flushInterval(Duration.ofMillis(100))
            .build();
    try (TableSink target = TableSink.open(sink)) {
      System.out.println("consuming");
      TransactionConsumer.run(
          Pipes.consumer(args[0], args[2]).fetchBatch(16).build(),
          new TransactionSinkHandler(target, false),
          () -> false);
    }
  }
}
