package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgpipe.cdc.Unchanged;
import dev.pgpipe.cdc.value.ValueKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One column value to and from JSON, by the column's kind (see ENVELOPE.md, "Values"). */
final class ValueJson {

  static final String UNCHANGED_FIELD = "$unchanged";

  /** 2^53 - 1: the largest integer every JSON reader holds exactly. */
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final int MAX_EXACT_DIGITS = 15;

  private ValueJson() {}

  static void write(JsonGenerator out, @Nullable Object value, ValueKind kind, boolean array)
      throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof Unchanged) {
      out.writeStartObject();
      out.writeBooleanField(UNCHANGED_FIELD, true);
      out.writeEndObject();
    } else if (array) {
      out.writeStartArray();
      for (Object item : (List<?>) value) {
        write(out, item, kind, item instanceof List<?>);
      }
      out.writeEndArray();
    } else {
      scalar(out, value, kind);
    }
  }

  private static void scalar(JsonGenerator out, Object value, ValueKind kind) throws IOException {
    switch (kind) {
      case BOOL -> out.writeBoolean((Boolean) value);
      case INT16, INT32 -> out.writeNumber(((Number) value).intValue());
      case INT64 -> int64(out, (Long) value);
      case FLOAT32 -> floating(out, ((Float) value).doubleValue(), Float.toString((Float) value));
      case FLOAT64 -> floating(out, (Double) value, Double.toString((Double) value));
      case NUMERIC -> numeric(out, value);
      case BYTES -> out.writeString(Base64.getEncoder().encodeToString((byte[]) value));
      case DATE -> out.writeString(date((LocalDate) value));
      case TIME -> out.writeString(time((LocalTime) value));
      case TIMESTAMP -> out.writeString(timestamp((LocalDateTime) value));
      case TIMESTAMPTZ -> out.writeString(instant((Instant) value));
      case UUID, TIMETZ, JSON, STRING -> out.writeString(value.toString());
    }
  }

  private static void int64(JsonGenerator out, long value) throws IOException {
    if (value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER) {
      out.writeNumber(value);
    } else {
      out.writeString(Long.toString(value));
    }
  }

  /** Finite, non-negative-zero floats are numbers; NaN, ±Infinity and -0 are strings. */
  private static void floating(JsonGenerator out, double value, String text) throws IOException {
    if (Double.isFinite(value) && !(value == 0 && 1 / value < 0)) {
      out.writeNumber(text);
    } else {
      out.writeString(Double.isFinite(value) ? "-0" : text);
    }
  }

  private static void numeric(JsonGenerator out, Object value) throws IOException {
    if (value instanceof BigDecimal decimal && decimal.precision() <= MAX_EXACT_DIGITS) {
      out.writeNumber(decimal.toString());
    } else if (value instanceof BigDecimal decimal) {
      out.writeString(decimal.toString());
    } else {
      out.writeString(value.toString());
    }
  }

  static String date(LocalDate date) {
    return date.equals(LocalDate.MAX)
        ? "infinity"
        : date.equals(LocalDate.MIN) ? "-infinity" : date.toString();
  }

  static String time(LocalTime time) {
    return time.equals(LocalTime.MAX) ? "24:00:00" : time.toString();
  }

  static String timestamp(LocalDateTime timestamp) {
    return timestamp.equals(LocalDateTime.MAX)
        ? "infinity"
        : timestamp.equals(LocalDateTime.MIN) ? "-infinity" : timestamp.toString();
  }

  static String instant(Instant instant) {
    return instant.equals(Instant.MAX)
        ? "infinity"
        : instant.equals(Instant.MIN) ? "-infinity" : InstantText.format(instant);
  }

  static @Nullable Object read(JsonNode node, ValueKind kind, boolean array) {
    if (node.isNull()) {
      return null;
    }
    if (node.isObject() && node.path(UNCHANGED_FIELD).asBoolean(false)) {
      return Unchanged.VALUE;
    }
    if (array) {
      List<@Nullable Object> items = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        items.add(read(item, kind, item.isArray()));
      }
      return Collections.unmodifiableList(items);
    }
    return readScalar(node, kind);
  }

  private static Object readScalar(JsonNode node, ValueKind kind) {
    String text = node.asText();
    return switch (kind) {
      case BOOL -> node.booleanValue();
      case INT16 -> (short) node.intValue();
      case INT32 -> node.intValue();
      case INT64 -> node.isTextual() ? Long.parseLong(text) : node.longValue();
      case FLOAT32 -> Float.parseFloat(text);
      case FLOAT64 -> Double.parseDouble(text);
      case NUMERIC -> readNumeric(node);
      case BYTES -> Base64.getDecoder().decode(text);
      case UUID -> UUID.fromString(text);
      case DATE ->
          switch (text) {
            case "infinity" -> LocalDate.MAX;
            case "-infinity" -> LocalDate.MIN;
            default -> LocalDate.parse(text);
          };
      case TIME -> text.equals("24:00:00") ? LocalTime.MAX : LocalTime.parse(text);
      case TIMETZ -> OffsetTime.parse(text);
      case TIMESTAMP ->
          switch (text) {
            case "infinity" -> LocalDateTime.MAX;
            case "-infinity" -> LocalDateTime.MIN;
            default -> LocalDateTime.parse(text);
          };
      case TIMESTAMPTZ ->
          switch (text) {
            case "infinity" -> Instant.MAX;
            case "-infinity" -> Instant.MIN;
            default -> InstantText.parse(text);
          };
      case JSON, STRING -> text;
    };
  }

  private static Object readNumeric(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return switch (node.asText()) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> new BigDecimal(node.asText());
    };
  }
}
