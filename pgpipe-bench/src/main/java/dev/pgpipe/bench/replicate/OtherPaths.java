package dev.pgpipe.bench.replicate;

import dev.pgpipe.bench.nats.LocalNats;
import dev.pgpipe.nats.NatsSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The apply paths a run measures on the OLTP backlog besides the subscription and {@code pgpipe
 * replicate}, as {@code --paths} chose them: {@code buffer} ({@link BufferPath}) and {@code nats}
 * ({@link JetStreamPath}, on a {@link LocalNats} started here and stopped by {@link #close()}).
 * When {@code nats} came only from {@code all} and no nats-server is installed, it is skipped with
 * the reason instead. Not thread-safe.
 */
final class OtherPaths implements AutoCloseable {

  /** Every other path, in the order they run. */
  static final List<String> NAMES = List.of("buffer", "nats");

  private final List<ApplyPath> paths;
  private final Map<String, String> skipped;
  private final @Nullable LocalNats nats;

  private OtherPaths(List<ApplyPath> paths, Map<String, String> skipped, @Nullable LocalNats nats) {
    this.paths = List.copyOf(paths);
    this.skipped = Map.copyOf(skipped);
    this.nats = nats;
  }

  /**
   * The paths {@code --paths} names: {@code buffer}, {@code nats}, {@code all} or {@code none}, in
   * any mix.
   *
   * @throws IllegalArgumentException for any other name, or {@code nats} named when no nats-server
   *     is installed
   */
  static Set<String> parse(List<String> names) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String name : names) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      switch (n) {
        case "all" -> chosen.addAll(NAMES);
        case "none" -> {}
        case "buffer", "nats" -> chosen.add(n);
        default ->
            throw new IllegalArgumentException("--paths: buffer, nats, all or none, not " + name);
      }
      if (n.equals("nats") && LocalNats.installed().isEmpty()) {
        throw new IllegalArgumentException("--paths nats: " + LocalNats.NOT_INSTALLED);
      }
    }
    return chosen;
  }

  /** Makes the chosen paths (in {@link #NAMES}' order), starting a nats-server when needed. */
  static OtherPaths start(
      Set<String> chosen, Cluster cluster, @Nullable Integer batchSize, PrintWriter out) {
    List<ApplyPath> paths = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    if (chosen.contains("buffer")) {
      paths.add(
          new BufferPath(cluster.source(), cluster.bufferTarget(), Cluster.BUFFER_SLOT, batchSize));
    }
    LocalNats nats = null;
    if (chosen.contains("nats") && LocalNats.installed().isEmpty()) {
      skipped.put("nats", LocalNats.NOT_INSTALLED);
      out.println("nats: skipped, " + LocalNats.NOT_INSTALLED);
      out.flush();
    } else if (chosen.contains("nats")) {
      nats = LocalNats.start();
      paths.add(
          new JetStreamPath(
              cluster.source(),
              cluster.natsTarget(),
              Cluster.NATS_SLOT,
              batchSize,
              NatsSettings.of(nats.url())));
    }
    return new OtherPaths(paths, skipped, nats);
  }

  List<ApplyPath> paths() {
    return paths;
  }

  /** The paths chosen that cannot run, with the reason. */
  Map<String, String> skipped() {
    return skipped;
  }

  /** Stops the nats-server, if one was started. */
  @Override
  public void close() {
    LocalNats running = nats;
    if (running != null) {
      running.close();
    }
  }
}
