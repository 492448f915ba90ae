package dev.pgpipe.bench.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints what {@code bench live} measured and returns the same figures as JSON. */
final class LiveBenchReport {

  private LiveBenchReport() {}

  /** CPU time per wall-clock time of the window, by stage: 1.0 is one core busy all along. */
  private record Cores(double decode, double encode, double send, double other, double gateway) {

    static Cores of(LivePump.Window w) {
      Map<String, Long> cpu = w.cpuNanos();
      double wall = w.nanos();
      double loop = cpu.getOrDefault("loop", 0L) / wall;
      double decode = loop * w.stages().decodeShareOfCpu();
      return new Cores(
          decode,
          loop - decode,
          cpu.getOrDefault("carriers", 0L) / wall,
          cpu.getOrDefault("other", 0L) / wall,
          cpu.getOrDefault("gateway", 0L) / wall);
    }
  }

  static ObjectNode print(LivePump.Window w, int connections, PrintWriter out) {
    double seconds = w.nanos() / 1e9;
    Cores c = Cores.of(w);
    Stages s = w.stages();
    out.printf(
        Locale.ROOT,
        "%nsustained: %,.0f records/s decoded and written, %,.0f rows/s committed (%.1f s)%n",
        w.records() / seconds,
        w.committed() / seconds,
        seconds);
    out.println("client CPU in cores (1.000 = one core busy all the time):");
    line(out, "decode (LiveClient.next: socket read, DBN decode)", c.decode());
    line(out, "transform + COPY encode (LiveLoad.accept)", c.encode());
    line(out, "COPY send + flush (virtual-thread carriers)", c.send());
    line(out, "rest of the JVM (GC, JIT, ...)", c.other());
    line(out, "the local gateway (not the client)", c.gateway());
    out.printf(
        Locale.ROOT,
        "loop thread's time: decode %.1f%%, transform+encode %.1f%%, waiting for the gateway"
            + " %.1f%%, waiting on the database (writer buffers full) %.1f%%%n",
        100 * s.decodeOfWall(),
        100 * s.encodeOfWall(),
        100 * s.gatewayWaitOfWall(),
        100 * s.databaseWaitOfWall());
    out.printf(
        Locale.ROOT,
        "decode + encode: %.3f of one core (goal < 0.20: %s); bottleneck: %s%n",
        c.decode() + c.encode(),
        c.decode() + c.encode() < 0.20 ? "met" : "NOT met",
        s.databaseWaitOfWall() > s.gatewayWaitOfWall()
            ? "the database"
            : "the socket from the gateway (or a busy machine)");
    out.flush();
    return json(w, connections, c);
  }

  private static ObjectNode json(LivePump.Window w, int connections, Cores c) {
    double seconds = w.nanos() / 1e9;
    return new ObjectMapper()
        .createObjectNode()
        .put("connections", connections)
        .put("seconds", seconds)
        .put("records_per_s", w.records() / seconds)
        .put("rows_committed_per_s", w.committed() / seconds)
        .put("cpu_decode_cores", c.decode())
        .put("cpu_encode_cores", c.encode())
        .put("cpu_copy_send_cores", c.send())
        .put("cpu_other_jvm_cores", c.other())
        .put("cpu_gateway_cores", c.gateway())
        .put("loop_wait_database_share", w.stages().databaseWaitOfWall())
        .put("loop_wait_gateway_share", w.stages().gatewayWaitOfWall());
  }

  private static void line(PrintWriter out, String what, double cores) {
    out.printf(Locale.ROOT, "  %-52s %6.3f%n", what, cores);
  }
}
