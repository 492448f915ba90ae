package dev.pgpipe.bench.replicate;

import dev.pgpipe.bench.Background;
import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.SinkConfig;
import org.jspecify.annotations.Nullable;

/**
 * {@code pgpipe replicate} in this process: a {@link Replicator} on the pre-made slot with snapshot
 * {@code never}, into the target, with the sink's default settings except the batch size when one
 * is given. Its ledger's source id is the slot's name.
 */
record PgpipeReplication(
    ConnectionSettings source, ConnectionSettings target, String slot, @Nullable Integer batchSize)
    implements ApplyPath {

  @Override
  public String name() {
    return "pgpipe";
  }

  @Override
  public void prepare() {
    // nothing: the replicator opens the target when it starts
  }

  @Override
  public Running start() {
    Replicator replicator = Replicator.create(cdc(), sink());
    Background thread = Background.start("bench-replicate-pgpipe", stop -> replicator.run());
    return new Running() {
      @Override
      public void check() {
        thread.check();
      }

      @Override
      public void close() {
        try {
          replicator.close();
        } finally {
          thread.close();
        }
      }
    };
  }

  private CdcConfig cdc() {
    return CdcConfig.builder()
        .connection(source)
        .slot(slot)
        .publication(Cluster.PUBLICATION)
        .tables(Tables.PUBLISHED)
        .snapshot(SnapshotMode.NEVER)
        .createSlot(false)
        .createPublication(false)
        .build();
  }

  private SinkConfig sink() {
    SinkConfig.Builder builder =
        SinkConfig.builder().connection(target).sourceId(slot).tables(Tables.PUBLISHED);
    Integer size = batchSize;
    if (size != null) {
      builder.batchSize(size);
    }
    return builder.build();
  }
}
