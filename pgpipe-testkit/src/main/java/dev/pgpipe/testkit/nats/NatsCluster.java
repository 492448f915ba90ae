package dev.pgpipe.testkit.nats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A JetStream cluster of {@code nats-server} child processes on loopback, for tests: every node has
 * its own client, cluster and monitoring port and its own store, the same cluster name, and routes
 * to all the others.
 *
 * <pre>{@code
 * try (NatsCluster cluster = NatsCluster.start(3)) {  // skips the test when nats-server is missing
 *   connect(cluster.urls());                         // every node's URL, comma-separated
 *   cluster.node("n2").kill();                       // SIGKILL
 *   cluster.restart("n2");                           // same ports and store; waits until healthy
 * }
 * }</pre>
 *
 * <p>{@link #start(int)} and {@link #restart(String)} return once every running node answers {@code
 * /healthz} with ok: a meta leader exists and the node is current. Not thread-safe.
 */
public final class NatsCluster implements AutoCloseable {

  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);

  private final List<String> names;
  private final List<NatsServer> nodes;
  private final List<Integer> monitorPorts;
  private final HttpClient http = HttpClient.newHttpClient();

  private NatsCluster(List<String> names, List<NatsServer> nodes, List<Integer> monitorPorts) {
    this.names = List.copyOf(names);
    this.nodes = List.copyOf(nodes);
    this.monitorPorts = List.copyOf(monitorPorts);
  }

  /**
   * Starts {@code size} nodes named n1, n2, ... and waits until all are healthy.
   *
   * @throws org.opentest4j.TestAbortedException (skips the test) when nats-server is not installed
   */
  public static NatsCluster start(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster needs >= 1 node: " + size);
    }
    return NatsServer.onFreePorts(3 * size, ports -> start(size, ports));
  }

  /** Starts the cluster on {@code ports}: each node's client, cluster and monitoring port. */
  private static NatsCluster start(int size, List<Integer> ports) {
    List<Integer> clientPorts = ports.subList(0, size);
    List<Integer> clusterPorts = ports.subList(size, 2 * size);
    List<Integer> monitorPorts = ports.subList(2 * size, 3 * size);
    String routes =
        clusterPorts.stream().map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","));
    List<String> names = new ArrayList<>();
    List<NatsServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        String name = "n" + (i + 1);
        names.add(name);
        nodes.add(
            NatsServer.start(
                clientPorts.get(i),
                "--server_name",
                name,
                "--cluster_name",
                "pgpipe-test",
                "--cluster",
                "nats://127.0.0.1:" + clusterPorts.get(i),
                "--routes",
                routes,
                "-m",
                Integer.toString(monitorPorts.get(i))));
      }
    } catch (RuntimeException e) {
      nodes.forEach(NatsServer::close);
      throw e;
    }
    NatsCluster cluster = new NatsCluster(names, nodes, monitorPorts);
    cluster.awaitHealthy();
    return cluster;
  }

  /** Every node's client URL, comma-separated: give a client all of them. */
  public String urls() {
    return nodes.stream().map(NatsServer::url).collect(Collectors.joining(","));
  }

  /** The node called {@code name} (n1, n2, ...). */
  public NatsServer node(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no node " + name + " in " + names);
    }
    return nodes.get(i);
  }

  public List<String> names() {
    return names;
  }

  /**
   * Starts a stopped or killed node again (same ports and store) and waits until all are healthy.
   */
  public void restart(String name) {
    NatsServer node = node(name);
    if (!node.isRunning()) {
      node.launch();
    }
    awaitHealthy();
  }

  /** Waits until every running node reports {@code /healthz} ok. */
  public void awaitHealthy() {
    long deadline = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
    for (int i = 0; i < nodes.size(); i++) {
      while (nodes.get(i).isRunning() && !healthy(monitorPorts.get(i))) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "node " + names.get(i) + " not healthy within " + HEALTHY_TIMEOUT);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    }
  }

  private boolean healthy(int monitorPort) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/healthz"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("ok");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }

  /** Kills every node and deletes the stores. */
  @Override
  public void close() {
    nodes.forEach(NatsServer::close);
  }
}
