package dev.pgpipe.bench.copy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.bench.JsonReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The figures of {@code pgpipe bench copy}: a table of rows/s, ratio to the server-file limit and
 * client CPU per variant and key mode, the goal ratios, and the JSON file.
 */
final class CopyReport {

  private final long rows;
  private final int connections;
  private final List<Load> noKey;
  private final List<Load> withKey;

  CopyReport(long rows, int connections, List<Load> noKey, List<Load> withKey) {
    this.rows = rows;
    this.connections = connections;
    this.noKey = List.copyOf(noKey);
    this.withKey = List.copyOf(withKey);
  }

  void print(PrintWriter out) {
    out.printf(
        "%n%,d rows, K = %d connections; ratios to server_file (the server reading its own file)%n",
        rows, connections);
    out.printf(
        "%-15s %-6s %14s %10s %12s %10s%n",
        "variant", "key", "rows/s", "/ server", "client cores", "seconds");
    table(out, noKey);
    table(out, withKey);
    goals(out, noKey, "no primary key");
    goals(out, withKey, "primary key (instrument_id, sequence)");
    out.flush();
  }

  private static void table(PrintWriter out, List<Load> loads) {
    double limit = find(loads, "server_file").rowsPerSecond();
    for (Load load : loads) {
      out.printf(
          "%-15s %-6s %,14.0f %10.3f %12.3f %10.2f%n",
          load.variant(),
          load.primaryKey() ? "pk" : "no pk",
          load.rowsPerSecond(),
          load.rowsPerSecond() / limit,
          load.clientCores(),
          load.seconds());
    }
  }

  private static void goals(PrintWriter out, List<Load> loads, String title) {
    double one = find(loads, "pgpipe_1").rowsPerSecond();
    double many = find(loads, "pgpipe_k").rowsPerSecond();
    double limit = find(loads, "server_file").rowsPerSecond();
    out.printf("%n%s:%n", title);
    out.printf("  pgpipe_1 / server_file       %6.3f  (goal >= 0.97)%n", one / limit);
    out.printf(
        "  pgpipe_1 client cores        %6.3f  (goal <= 0.10)%n",
        find(loads, "pgpipe_1").clientCores());
    out.printf("  pgpipe_k / server_file       %6.3f  (goal >= 1.6 with K = 2)%n", many / limit);
    out.printf(
        "  pgpipe_1 / csv_text          %6.3f  (goal >= 1.8)%n",
        one / find(loads, "csv_text").rowsPerSecond());
    out.printf(
        "  pgpipe_1 / insert_batched    %6.3f  (goal >= 4)%n",
        one / find(loads, "insert_batched").rowsPerSecond());
  }

  private static Load find(List<Load> loads, String variant) {
    return loads.stream()
        .filter(l -> l.variant().equals(variant))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + variant + " load in " + loads));
  }

  /**
   * {@code {"rows", "connections", "rows_per_s": {variant: ..}, "client_cpu_cores": {variant: ..}}}
   * for the table without a key, as the issue asks, and the same two maps under {@code
   * "with_primary_key"}.
   */
  void writeJson(Path file) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("rows", rows).put("connections", connections);
    figures(root, noKey);
    figures(root.putObject("with_primary_key"), withKey);
    JsonReport.write(file, root);
  }

  private static void figures(ObjectNode node, List<Load> loads) {
    ObjectNode rate = node.putObject("rows_per_s");
    ObjectNode cores = node.putObject("client_cpu_cores");
    for (Load load : loads) {
      rate.put(load.variant(), load.rowsPerSecond());
      cores.put(load.variant(), load.clientCores());
    }
  }
}
