package dev.pgpipe.bench.replicate;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.sink.SinkConfig;
import org.jspecify.annotations.Nullable;

/**
 * The settings every pgpipe path of the benchmark shares: the source read from a pre-made slot of
 * the benchmark's publication with snapshot {@code never}, and the table sink with its defaults
 * except the batch size when one is given.
 */
final class PathConfigs {

  private PathConfigs() {}

  /** The change stream of {@code slot}, which must exist, on the publication of the cluster. */
  static CdcConfig cdc(ConnectionSettings source, String slot) {
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

  /** The table sink into {@code target}, recording its positions as {@code sourceId}. */
  static SinkConfig sink(ConnectionSettings target, String sourceId, @Nullable Integer batchSize) {
    return sink(target, sourceId, batchSize, false);
  }

  /** {@link #sink}, with {@code replicate} waiting for the target's flush at each commit or not. */
  static SinkConfig sink(
      ConnectionSettings target,
      String sourceId,
      @Nullable Integer batchSize,
      boolean synchronousCommit) {
    SinkConfig.Builder builder =
        SinkConfig.builder()
            .connection(target)
            .sourceId(sourceId)
            .tables(Tables.PUBLISHED)
            .synchronousCommit(synchronousCommit);
    if (batchSize != null) {
      builder.batchSize(batchSize);
    }
    return builder.build();
  }
}
