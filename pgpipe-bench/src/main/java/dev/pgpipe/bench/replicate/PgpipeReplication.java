package dev.pgpipe.bench.replicate;

import dev.pgpipe.bench.Background;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.sink.Replicator;
import org.jspecify.annotations.Nullable;

/**
 * {@code pgpipe replicate} in this process: a {@link Replicator} on the pre-made slot with snapshot
 * {@code never}, into the target, with the sink's default settings except the batch size when one
 * is given and {@code synchronousCommit} ({@code POSTGRES_OUTPUT_SYNCHRONOUS_COMMIT}). Its ledger's
 * source id is the slot's name.
 */
record PgpipeReplication(
    ConnectionSettings source,
    ConnectionSettings target,
    String slot,
    @Nullable Integer batchSize,
    boolean synchronousCommit)
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
    Replicator replicator =
        Replicator.create(
            PathConfigs.cdc(source, slot),
            PathConfigs.sink(target, slot, batchSize, synchronousCommit));
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
}
