package dev.pgpipe.bench.replicate;

import dev.pgpipe.bench.nats.BrokerPipeline;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.nats.NatsSettings;
import org.jspecify.annotations.Nullable;

/**
 * {@code pgpipe cdc --to nats} and {@code pgpipe sink --from nats} in this process: the {@link
 * BrokerPipeline} of {@code bench nats}, reading the pre-made slot and writing to the target
 * through the table sink, on the NATS server of {@code nats} (a local {@code nats-server -js}).
 * Each start publishes under a source name of its own ({@code <slot>_<time>}), which is also the
 * sink's source id.
 */
record JetStreamPath(
    ConnectionSettings source,
    ConnectionSettings target,
    String slot,
    @Nullable Integer batchSize,
    NatsSettings nats)
    implements ApplyPath {

  @Override
  public String name() {
    return "nats";
  }

  @Override
  public void prepare() {
    // nothing: the publisher creates the stream and the consumer its durable when they start
  }

  @Override
  public Running start() {
    String name = slot + "_" + Long.toString(System.currentTimeMillis(), 36);
    BrokerPipeline pipeline =
        BrokerPipeline.start(
            PathConfigs.cdc(source, slot), PathConfigs.sink(target, name, batchSize), nats, name);
    return new Running() {
      @Override
      public void check() {
        pipeline.check();
      }

      @Override
      public void close() {
        pipeline.close();
      }
    };
  }
}
