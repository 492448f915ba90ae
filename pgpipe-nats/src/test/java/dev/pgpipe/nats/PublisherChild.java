package dev.pgpipe.nats;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import java.time.Duration;

/**
 * A publisher in its own JVM, for kill -9: args are the source URL, the slot, the NATS URL, the
 * reader's part size and the chunk size in bytes.
 */
public final class PublisherChild {

  private PublisherChild() {}

  public static void main(String[] args) {
    CdcConfig.Builder cdc =
        CdcConfig.builder()
            .url(args[0])
            .slot(args[1])
            .publication(args[1])
            .snapshot(SnapshotMode.NEVER);
    cdc.tuning().statusInterval(Duration.ofMillis(200)).maxEventsPerPart(Integer.parseInt(args[3]));
    System.out.println("publishing");
    TransactionPublisher.run(
        cdc.build(),
        Pipes.publisher(args[2]).maxChunkBytes(Integer.parseInt(args[4])).build(),
        () -> false);
  }
}
