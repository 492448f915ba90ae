package dev.pgpipe.sink;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import java.time.Duration;
import java.util.List;

/**
 * The replicating process of {@link CrashTest}: {@code java CrashChild <source url> <target url>}
 * replicates table {@code acct} until it is killed, delivering transactions of more than {@link
 * CrashTest#PART_SIZE} changes in parts. A start that fails (the killed predecessor's slot not yet
 * released) is retried.
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws InterruptedException {
    CdcConfig.Builder source =
        CdcConfig.builder()
            .url(args[0])
            .slot("crash")
            .publication("crash")
            .tables(List.of("acct"))
            .snapshot(SnapshotMode.INITIAL);
    source
        .tuning()
        .statusInterval(Duration.ofMillis(100))
        .maxEventsPerPart(CrashTest.PART_SIZE)
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    SinkConfig sink =
        SinkConfig.builder()
            .url(args[1])
            .sourceId("crash")
            .tables(List.of("acct"))
            .conflictStrategy(ConflictStrategy.INSERT)
            .batchSize(500)
            .flushInterval(Duration.ofMillis(100))
            .build();
    while (true) {
      try (Replicator replicator = Replicator.create(source.build(), sink)) {
        System.out.println("replicating");
        replicator.run();
      } catch (RuntimeException e) {
        System.out.println("restarting after: " + e);
        Thread.sleep(200); // a supervisor's restart delay, not a wait for an event
      }
    }
  }
}
