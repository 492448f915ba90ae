package dev.pgpipe.cli.live;

import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parses the subscription options of {@code pgpipe live}; each failure is an {@link
 * IllegalArgumentException} whose message names the option and the offending value.
 */
final class LiveArguments {

  private LiveArguments() {}

  /** Schemas by Databento name, with '_' or '-': {@code mbo}, {@code mbp-1}, {@code ohlcv_1m}. */
  static List<Schema> schemas(List<String> names) {
    List<Schema> schemas = new ArrayList<>();
    for (String name : names) {
      String text = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      Schema schema =
          Arrays.stream(Schema.values())
              .filter(s -> s.text().equals(text))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--schema: unknown schema '" + name + "'; one of " + known()));
      if (!schemas.contains(schema)) {
        schemas.add(schema);
      }
    }
    return schemas;
  }

  private static String known() {
    return Arrays.stream(Schema.values()).map(Schema::text).collect(Collectors.joining(", "));
  }

  /** A symbology type by Databento name, e.g. {@code raw_symbol}, {@code parent}. */
  static SType stype(String name) {
    String text = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(SType.values())
        .filter(s -> s.text().equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--stype-in: unknown symbology '"
                        + name
                        + "'; one of "
                        + Arrays.stream(SType.values())
                            .map(SType::text)
                            .collect(Collectors.joining(", "))));
  }

  /**
   * A replay start: an ISO-8601 instant ({@code 2026-01-02T14:30:00Z}), a date (its midnight UTC)
   * or nanoseconds since the epoch.
   */
  static Instant start(String text) {
    String value = text.strip();
    try {
      if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
        long nanos = Long.parseLong(value);
        return Instant.ofEpochSecond(0, nanos);
      }
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "--start: not an ISO-8601 instant, a date or nanoseconds since the epoch: '" + text + "'",
          e);
    }
  }
}
