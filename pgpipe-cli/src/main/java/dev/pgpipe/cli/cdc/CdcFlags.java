package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.EventFilter;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cli.DurationConverter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The stream flags of {@code pgpipe cdc}. Each one given on the command line overrides what the
 * {@code POSTGRES_INPUT_*} variables put in the builder; those not given leave it as it is.
 */
final class CdcFlags {

  @Option(
      names = "--slot",
      paramLabel = "S",
      description =
          "Logical replication slot (default: $POSTGRES_INPUT_REPLICATION_SLOT or pgpipe).")
  private @Nullable String slot;

  @Option(
      names = "--publication",
      paramLabel = "P",
      description = "Publication (default: $POSTGRES_INPUT_PUBLICATION or pgpipe).")
  private @Nullable String publication;

  @Option(
      names = "--tables",
      paramLabel = "a,b",
      split = ",",
      description = {
        "Tables to publish and stream, table or schema.table",
        "(default: $POSTGRES_INPUT_TABLES, else all)."
      })
  private @Nullable List<String> tables;

  @Option(
      names = "--ops",
      paramLabel = "insert,update,...",
      split = ",",
      description = {
        "Operations to stream: insert, update, delete, truncate, message (default all).",
        "The snapshot comes whole: its rows, and a mark for each empty table."
      })
  private @Nullable List<String> operations;

  @Option(
      names = "--snapshot",
      paramLabel = "MODE",
      description = {
        "initial (copy existing rows when the slot is created, default),",
        "never, or initial_only (copy and stop)."
      })
  private @Nullable String snapshot;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Flush after N transactions (default: $POSTGRES_INPUT_BATCH_SIZE or 100).")
  private @Nullable Integer batchSize;

  @Option(
      names = "--batch-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Flush at the latest this long after a line (default 5s).")
  private @Nullable Duration batchTimeout;

  @Option(
      names = "--part-size",
      paramLabel = "N",
      description = {
        "Deliver a transaction of more than N changes in parts of N",
        "(default: $POSTGRES_INPUT_PART_SIZE or 10000)."
      })
  private @Nullable Integer partSize;

  @Option(
      names = "--heartbeat",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Emit a logical message this often so a quiet database moves the slot.")
  private @Nullable Duration heartbeat;

  /**
   * Applies the flags that were given; returns {@code builder}. {@code variableTables} is the table
   * list of {@code POSTGRES_INPUT_TABLES} (empty when unset), which also narrows the events when
   * {@code --tables} is absent.
   */
  CdcConfig.Builder applyTo(CdcConfig.Builder builder, List<String> variableTables) {
    String s = slot;
    String p = publication;
    String mode = snapshot;
    List<String> names = tables != null ? tables : variableTables.isEmpty() ? null : variableTables;
    Integer size = batchSize;
    Duration timeout = batchTimeout;
    Duration beat = heartbeat;
    Integer part = partSize;
    if (s != null) {
      builder.slot(s);
    }
    if (p != null) {
      builder.publication(p);
    }
    if (mode != null) {
      builder.snapshot(SnapshotMode.fromLabel(mode));
    }
    if (names != null) {
      builder.tables(names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList());
    }
    builder.filter(filter(names));
    if (size != null) {
      builder.tuning().batchSize(size);
    }
    if (timeout != null) {
      builder.tuning().batchTimeout(timeout);
    }
    if (beat != null) {
      builder.tuning().heartbeatInterval(beat);
    }
    if (part != null) {
      builder.tuning().maxEventsPerPart(part);
    }
    return builder;
  }

  /**
   * Only the named tables (an existing publication may hold more), only the named operations.
   * Heartbeat messages are never delivered, so a filter without {@code message} is harmless.
   */
  private EventFilter filter(@Nullable List<String> names) {
    EventFilter filter =
        names == null
            ? EventFilter.all()
            : new EventFilter(
                names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList(),
                List.of(),
                EnumSet.allOf(Operation.class));
    List<String> ops = operations;
    if (ops == null) {
      return filter;
    }
    EnumSet<Operation> allowed = EnumSet.noneOf(Operation.class);
    ops.stream()
        .map(String::strip)
        .filter(o -> !o.isEmpty())
        .map(Operation::fromLabel)
        .forEach(allowed::add);
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("--ops names no operation");
    }
    return filter.withOperations(allowed);
  }
}
