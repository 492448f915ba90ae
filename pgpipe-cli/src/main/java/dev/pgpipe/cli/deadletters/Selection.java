package dev.pgpipe.cli.deadletters;

import dev.pgpipe.cdc.Durations;
import dev.pgpipe.sink.deadletter.LetterFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Which dead letters a command acts on: {@code --id}, {@code --table}, {@code --source}, {@code
 * --since}.
 */
final class Selection {

  @Option(
      names = "--id",
      paramLabel = "ID",
      split = ",",
      description = "Only these dead letters (ids as list prints them, comma-separated).")
  private List<Long> ids = new ArrayList<>();

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description = "Only letters of this table: schema.table, or table in any schema.")
  private @Nullable String table;

  @Option(
      names = "--source",
      paramLabel = "ID",
      description = "Only letters of this source id (the ledger's or the buffer's).")
  private @Nullable String source;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Only letters refused at or after WHEN: an instant (2026-12-02T03:00:00Z) or an age"
              + " (2h: within the last two hours).")
  private @Nullable String since;

  LetterFilter filter(Clock clock) {
    return new LetterFilter(ids, table, source, since == null ? null : instant(since, clock));
  }

  /** Whether nothing narrows the selection. */
  boolean all() {
    return ids.isEmpty() && table == null && source == null && since == null;
  }

  private static Instant instant(String text, Clock clock) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      return clock.instant().minus(Durations.parse(text, "--since"));
    }
  }
}
