package dev.pgpipe.cdc.value;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Parses PostgreSQL's text output format ({@code DateStyle=ISO}, {@code bytea_output=hex}) into the
 * Java values listed on {@link ValueKind}. Timestamps with time zone become {@code Instant}s
 * whatever zone the server printed them in. Thread-safe; throws {@link ValueFormatException} with
 * the type and text when a value does not parse.
 */
public final class ValueDecoder {

  private final TypeRegistry types;

  public ValueDecoder(TypeRegistry types) {
    this.types = types;
  }

  /** Decodes the text of a value of the type with this OID. */
  public Object decode(String text, long typeOid) {
    return decode(text, types.resolve(typeOid), typeOid);
  }

  /** Decodes text as a value of the resolved type; {@code typeOid} is only for messages. */
  public Object decode(String text, ResolvedType type, long typeOid) {
    try {
      if (type.array()) {
        return ArrayText.parse(text, element -> scalar(element, type.kind()));
      }
      return scalar(text, type.kind());
    } catch (RuntimeException e) {
      if (e instanceof ValueFormatException) {
        throw e;
      }
      throw new ValueFormatException(types.name(typeOid), text, e);
    }
  }

  /** Decodes the text of one scalar of the kind. */
  public static Object scalar(String text, ValueKind kind) {
    return switch (kind) {
      case BOOL -> bool(text);
      case INT16 -> Short.valueOf(text);
      case INT32 -> Integer.valueOf(text);
      case INT64 -> Long.valueOf(text);
      case FLOAT32 -> Float.valueOf(text);
      case FLOAT64 -> Double.valueOf(text);
      case NUMERIC -> numeric(text);
      case BYTES -> bytea(text);
      case UUID -> UUID.fromString(text);
      case DATE -> TemporalText.date(text);
      case TIME -> TemporalText.time(text);
      case TIMETZ -> TemporalText.timeTz(text);
      case TIMESTAMP -> TemporalText.timestamp(text);
      case TIMESTAMPTZ -> TemporalText.timestampTz(text);
      case JSON, STRING -> text;
    };
  }

  private static Boolean bool(String text) {
    return switch (text) {
      case "t", "true" -> Boolean.TRUE;
      case "f", "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  /** {@code NaN} and {@code ±Infinity} have no BigDecimal; they become the Double values. */
  static Object numeric(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> new BigDecimal(text);
    };
  }

  private static byte[] bytea(String text) {
    if (!text.startsWith("\\x")) {
      throw new IllegalArgumentException(
          "bytea not in hex format; set bytea_output = 'hex' on the source");
    }
    return HexFormat.of().parseHex(text, 2, text.length());
  }
}
