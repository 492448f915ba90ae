package dev.pgpipe.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compares one stored row with the decoder's JSON of its record, column by column: every column but
 * {@code tie} and {@code underlying} must equal the field of the same DBN name ({@code _ns} columns
 * the exact nanoseconds, timestamptz the microseconds, {@code bid_px_00} ... the levels).
 */
final class RowCheck {

  private static final Pattern LEVEL = Pattern.compile("(bid|ask)_(px|sz|ct|pb)_(\\d\\d)");

  private RowCheck() {}

  /** Checks every column; returns how many values were compared. */
  static int check(
      String where, Map<String, String> types, Map<String, @Nullable Object> row, JsonNode json) {
    int compared = 0;
    for (Map.Entry<String, String> column : types.entrySet()) {
      String name = column.getKey();
      if (name.equals("tie") || name.equals("underlying") || name.equals("symbol")) {
        continue;
      }
      JsonNode field =
          field(json, name.endsWith("_ns") ? name.substring(0, name.length() - 3) : name);
      if (field == null) {
        throw new AssertionError(where + ": no JSON field for column " + name);
      }
      Object expected = expected(column.getValue(), field);
      assertThat(row.get(name)).as("%s, column %s", where, name).isEqualTo(expected);
      compared++;
    }
    return compared;
  }

  private static @Nullable JsonNode field(JsonNode json, String name) {
    Matcher level = LEVEL.matcher(name);
    if (level.matches()) {
      JsonNode levels = json.get("levels").get(Integer.parseInt(level.group(3)));
      return levels.get(level.group(1) + "_" + level.group(2));
    }
    JsonNode top = json.get(name);
    return top != null ? top : json.get("hd").get(name);
  }

  private static @Nullable Object expected(String type, JsonNode field) {
    if (type.equals("timestamptz")) {
      long nanos = ExpectedRows.number(field);
      if (nanos == -1) {
        return null;
      }
      return Instant.EPOCH.plusNanos(nanos).truncatedTo(ChronoUnit.MICROS);
    }
    if (type.startsWith("int")) {
      return ExpectedRows.number(field);
    }
    if (field.isNull()) {
      return null; // a c_char NUL, which the dbn tool writes as null
    }
    String text = field.asText();
    return type.equals("bpchar") && text.isEmpty() ? null : text;
  }
}
