package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsCluster;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.Replica;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A 3-node JetStream cluster with an R3 stream: the stream's leader is killed (SIGKILL) while the
 * publisher publishes and the consumer applies. Both ride through the election; afterwards the
 * target equals the source row by row, the stream holds every transaction once, and the killed
 * node, started again, rejoins as a current replica.
 */
@WithPostgres
class ClusterFailoverTest {

  private static final int TRANSACTIONS = 300;
  private static final int ROWS = 5;

  @Test
  void streamLeaderKilledUnderLoad_nothingLostNothingTwice_nodeRejoins(TestDatabase source)
      throws Exception {
    TestDatabase target = Pipes.target("cluster");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    StreamSettings stream = StreamSettings.defaults().withReplicas(3);
    try (NatsCluster cluster = NatsCluster.start(3);
        TableSink sink = TableSink.open(Pipes.sink(target, "cluster", List.of("t")));
        Background consumer =
            Pipes.consuming(
                Pipes.consumer(cluster.urls(), "cluster").stream(stream).build(),
                new TransactionSinkHandler(sink, false));
        Background publisher =
            Background.start(
                "publisher",
                stop ->
                    TransactionPublisher.run(
                        Pipes.source(source, "cluster", SnapshotMode.NEVER).build(),
                        Pipes.publisher(cluster.urls()).stream(stream).build(),
                        stop::get))) {
      Await.until(
          "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "cluster"));
      CompletableFuture<Void> workload = Workload.inserts(source, "t", TRANSACTIONS, ROWS);
      Await.until(
          "a third of the transactions in the stream",
          Duration.ofSeconds(60),
          () -> Pipes.messages(cluster.urls(), "PGPIPE") >= TRANSACTIONS / 3);
      String leader = leader(cluster.urls());
      cluster.node(leader).kill();
      workload.get(60, TimeUnit.SECONDS);
      Await.until(
          "target has every row after the election",
          Duration.ofSeconds(90),
          () -> {
            publisher.check();
            consumer.check();
            return Pipes.count(target, "t") == (long) TRANSACTIONS * ROWS;
          });
      Await.until(
          "a new leader of the stream, other than " + leader,
          Duration.ofSeconds(60),
          () -> newLeader(cluster.urls(), leader));
      cluster.restart(leader);
      Await.until(
          leader + " rejoins as a current replica",
          Duration.ofSeconds(60),
          () -> rejoined(cluster.urls(), leader));
      assertThat(Pipes.checksum(target, "t")).isEqualTo(Pipes.checksum(source, "t"));
      Await.until( // -1 while the cluster answers nothing; more would never come back down
          "the stream holds every transaction once",
          Duration.ofSeconds(60),
          () -> Pipes.messages(cluster.urls(), "PGPIPE") == TRANSACTIONS);
      assertThat(replicas(cluster.urls(), "PGPIPE_DEAD"))
          .as("the dead-letter stream survives a node loss too: the consumer sets it up on restart")
          .isEqualTo(3);
    }
  }

  private static String leader(String urls) throws Exception {
    try (Connection c = Nats.connect(urls)) {
      ClusterInfo info = c.jetStreamManagement().getStreamInfo("PGPIPE").getClusterInfo();
      return Objects.requireNonNull(Objects.requireNonNull(info).getLeader());
    }
  }

  /**
   * Whether the stream reports a leader other than {@code killed}; false while it answers nothing
   * (an election in progress).
   */
  private static boolean newLeader(String urls, String killed) {
    try {
      return !leader(urls).equals(killed);
    } catch (Exception e) {
      return false;
    }
  }

  /** The stream's replica count, asked again while the cluster answers nothing (an election). */
  private static int replicas(String urls, String stream) {
    AtomicInteger replicas = new AtomicInteger();
    Await.until(
        stream + " answers",
        Duration.ofSeconds(60),
        () -> {
          try (Connection c = Nats.connect(urls)) {
            replicas.set(
                c.jetStreamManagement().getStreamInfo(stream).getConfiguration().getReplicas());
            return true;
          } catch (Exception e) {
            return false;
          }
        });
    return replicas.get();
  }

  private static boolean rejoined(String urls, String node) {
    try (Connection c = Nats.connect(urls)) {
      @Nullable ClusterInfo info = c.jetStreamManagement().getStreamInfo("PGPIPE").getClusterInfo();
      if (info == null) {
        return false;
      }
      if (node.equals(info.getLeader())) {
        return true;
      }
      List<Replica> replicas = info.getReplicas();
      return replicas != null
          && replicas.stream().anyMatch(r -> node.equals(r.getName()) && r.isCurrent());
    } catch (Exception e) {
      return false;
    }
  }
}
