package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.SlotInfo;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe slots}: the replication slots of the server with their lag, the WAL each one holds
 * back; {@code pgpipe slots drop NAME} drops one.
 */
@Command(
    name = "slots",
    description = {
      "Lists replication slots with their lag: the WAL each one makes the server keep",
      "(held) and the part of it not yet confirmed by its consumer (unconfirmed)."
    },
    subcommands = SlotsDropCommand.class,
    mixinStandardHelpOptions = true)
public final class SlotsCommand implements Callable<Integer> {

  private static final String FORMAT = "%-24s %-10s %-12s %-14s %-12s %16s %16s  %s%n";

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    List<SlotInfo> slots;
    try (DatabaseTarget target = database.target()) {
      slots = Slots.list(target.settings());
    }
    PrintWriter out = spec.commandLine().getOut();
    print(slots, out);
    out.flush();
    return 0;
  }

  static void print(List<SlotInfo> slots, PrintWriter out) {
    if (slots.isEmpty()) {
      out.println("no replication slots");
      return;
    }
    out.printf(
        Locale.ROOT,
        FORMAT,
        "slot",
        "plugin",
        "database",
        "active",
        "confirmed",
        "held",
        "unconfirmed",
        "wal status");
    for (SlotInfo slot : slots) {
      out.printf(
          Locale.ROOT,
          FORMAT,
          slot.name(),
          slot.plugin(),
          slot.database(),
          slot.active() ? "pid " + slot.activePid() : "no",
          Lsn.format(slot.confirmedFlushLsn()),
          bytes(slot.retainedBytes()),
          bytes(slot.unconfirmedBytes()),
          slot.walStatus());
    }
    out.printf("(%d slot%s)%n", slots.size(), slots.size() == 1 ? "" : "s");
  }

  /** {@code 512 B}, {@code 3.4 kB}, {@code 12.0 MB}, {@code 1.5 GB} (powers of 1000). */
  static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    double value = n;
    int unit = -1;
    while (value >= 999.95 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
