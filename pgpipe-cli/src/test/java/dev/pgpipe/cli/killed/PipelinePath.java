package dev.pgpipe.cli.killed;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.nats.NatsServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The three ways pgpipe carries a source's changes into a target, each as the commands an operator
 * runs. The last child of each path writes the target (its ledger shows a transaction applied in
 * part); the others feed it. Every limit is set small and off the part size, so that parts, sink
 * batches and buffer claims all cut transactions at different places. The sink inserts with the
 * {@code insert} strategy, so an event applied twice would conflict and show as a dead letter.
 */
enum PipelinePath {
  REPLICATE,
  BUFFER,
  NATS;

  static final int PART_SIZE = 20;
  static final int SINK_BATCH = 25;
  static final int BUFFER_CLAIM = 30;

  /** A test of one path, given the URL of the nats-server it runs against ({@code ""} if none). */
  @FunctionalInterface
  interface PathTest {
    void run(String natsUrl) throws Exception;
  }

  /**
   * Runs {@code test} for this path: against a nats-server of its own, stopped afterwards, for
   * {@link #NATS} (skipped when nats-server is not installed), and with no URL for the others.
   */
  void test(PathTest test) throws Exception {
    if (this != NATS) {
      test.run("");
      return;
    }
    Assumptions.assumeTrue(NatsServer.binary().isPresent(), "nats-server is not installed");
    try (NatsServer nats = NatsServer.start()) {
      test.run(nats.url());
    }
  }

  /** The commands of this path; {@code natsUrl} only matters for {@link #NATS}. */
  List<PipelineChild> children(
      TestDatabase source, TestDatabase target, String slot, String natsUrl, Path logs) {
    List<String> tables = List.of("--tables", String.join(",", SplitWorkload.TABLES));
    List<String> stream =
        List.of("--slot", slot, "--publication", slot, "--part-size", String.valueOf(PART_SIZE));
    List<String> sink = List.of("--to", target.url(), "--status-interval", "1s");
    Map<String, String> env =
        Map.of(
            "PGPIPE_BUFFER_BATCH_SIZE",
            String.valueOf(BUFFER_CLAIM),
            "POSTGRES_OUTPUT_BATCH_SIZE",
            String.valueOf(SINK_BATCH),
            "POSTGRES_OUTPUT_FLUSH_INTERVAL",
            "50ms",
            "POSTGRES_OUTPUT_CONFLICT_STRATEGY",
            "insert");
    return switch (this) {
      case REPLICATE ->
          List.of(
              new PipelineChild(
                  "replicate",
                  join(List.of("replicate", "--from", source.url()), tables, stream, sink),
                  env,
                  logs));
      case BUFFER ->
          List.of(
              new PipelineChild(
                  "cdc-to-buffer",
                  join(
                      List.of("cdc", "--url", source.url(), "--to", "buffer"),
                      tables,
                      stream,
                      List.of("--batch-timeout", "50ms")),
                  env,
                  logs),
              new PipelineChild(
                  "buffer-process",
                  join(List.of("buffer", "process", "--url", source.url(), "--source", slot), sink),
                  env,
                  logs));
      case NATS ->
          List.of(
              new PipelineChild(
                  "cdc-to-nats",
                  join(
                      List.of("cdc", "--url", source.url(), "--to", natsUrl),
                      List.of("--stream", "KILLED", "--source", slot),
                      tables,
                      stream,
                      List.of("--batch-timeout", "50ms")),
                  env,
                  logs),
              new PipelineChild(
                  "sink-from-nats",
                  join(
                      List.of("sink", "--from", natsUrl, "--stream", "KILLED", "--source", slot),
                      sink),
                  env,
                  logs));
    };
  }

  @SafeVarargs
  private static List<String> join(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
