package dev.pgpipe.copy.codec;

import java.util.Locale;
import java.util.Map;

/**
 * A column type: a base {@link PgKind}, its type modifier and whether it is an array.
 *
 * <p>{@link #parse(String)} reads both the names people write ({@code int8}, {@code numeric(18,9)},
 * {@code varchar(20)}, {@code char(1)}, {@code timestamptz}, {@code text[]}) and those {@code
 * format_type} prints ({@code bigint}, {@code character varying(20)}, {@code timestamp with time
 * zone}); any other name is taken as an enum type. {@link #formatType()} prints the type the way
 * {@code format_type} does, so a definition and the live catalog compare as text.
 *
 * @param kind the base type
 * @param length the n of {@code varchar(n)} / {@code char(n)}, or -1 when unconstrained
 * @param precision the p of {@code numeric(p,s)}, or -1 when unconstrained
 * @param scale the s of {@code numeric(p,s)}, or -1 when unconstrained
 * @param enumName the enum type's name as written in SQL (possibly schema-qualified); empty for
 *     other kinds
 * @param array whether the column is an array of the base type
 */
public record PgType(
    PgKind kind, int length, int precision, int scale, String enumName, boolean array) {

  private static final Map<String, PgKind> NAMES = names();

  public PgType {
    if (length < -1 || length == 0 || length > 10_485_760) {
      throw new IllegalArgumentException("length must be -1 or 1..10485760: " + length);
    }
    if (length != -1 && kind != PgKind.VARCHAR && kind != PgKind.BPCHAR) {
      throw new IllegalArgumentException("only varchar and char take a length: " + kind);
    }
    if (precision != -1 && (kind != PgKind.NUMERIC || precision < 1 || precision > 1000)) {
      throw new IllegalArgumentException("numeric precision must be 1..1000: " + precision);
    }
    if ((precision == -1) != (scale == -1) || scale < -1 || scale > precision) {
      throw new IllegalArgumentException(
          "numeric scale must be 0..precision (" + precision + "): " + scale);
    }
    if ((kind == PgKind.ENUM) == enumName.isEmpty()) {
      throw new IllegalArgumentException("an enum type needs a name, other kinds none: " + kind);
    }
  }

  /** A built-in type without modifier. */
  public static PgType of(PgKind kind) {
    return new PgType(kind, -1, -1, -1, "", false);
  }

  /** {@code numeric(precision, scale)}. */
  public static PgType numeric(int precision, int scale) {
    return new PgType(PgKind.NUMERIC, -1, precision, scale, "", false);
  }

  /** {@code varchar(length)}. */
  public static PgType varchar(int length) {
    return new PgType(PgKind.VARCHAR, length, -1, -1, "", false);
  }

  /** {@code char(length)} (bpchar). */
  public static PgType bpchar(int length) {
    return new PgType(PgKind.BPCHAR, length, -1, -1, "", false);
  }

  /** An enum type by its SQL name, for example {@code side} or {@code market.side}. */
  public static PgType enumType(String name) {
    return new PgType(PgKind.ENUM, -1, -1, -1, name, false);
  }

  /** This type's array type. */
  public PgType arrayOf() {
    if (array) {
      throw new IllegalArgumentException("already an array type: " + this);
    }
    return new PgType(kind, length, precision, scale, enumName, true);
  }

  /** The element type of an array type, or this type itself. */
  public PgType element() {
    return array ? new PgType(kind, length, precision, scale, enumName, false) : this;
  }

  /** Parses a type name; see the class comment for what it accepts. */
  public static PgType parse(String text) {
    String name = text.strip();
    boolean isArray = name.endsWith("[]");
    if (isArray) {
      name = name.substring(0, name.length() - 2).strip();
    }
    int open = name.indexOf('(');
    int[] modifiers = {};
    String base = name;
    String suffix = "";
    if (open > 0) {
      int close = name.indexOf(')', open);
      if (close < 0) {
        throw new IllegalArgumentException("unbalanced parentheses in type: " + text);
      }
      modifiers = modifiers(name.substring(open + 1, close), text);
      base = name.substring(0, open).strip();
      suffix = name.substring(close + 1).strip();
    }
    String key = (base + (suffix.isEmpty() ? "" : " " + suffix)).toLowerCase(Locale.ROOT);
    PgKind kind = NAMES.get(key);
    PgType type = kind == null ? enumType(name) : withModifiers(kind, modifiers, text);
    if (modifiers.length == 0 && (key.equals("char") || key.equals("character"))) {
      type = bpchar(1); // SQL's char without a length is char(1)
    }
    return isArray ? type.arrayOf() : type;
  }

  private static int[] modifiers(String inside, String text) {
    String[] parts = inside.split(",");
    int[] values = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad type modifier in: " + text, e);
      }
    }
    return values;
  }

  private static PgType withModifiers(PgKind kind, int[] modifiers, String text) {
    if (modifiers.length == 0) {
      return of(kind);
    }
    return switch (kind) {
      case VARCHAR, BPCHAR -> new PgType(kind, modifiers[0], -1, -1, "", false);
      case NUMERIC -> numeric(modifiers[0], modifiers.length > 1 ? modifiers[1] : 0);
      // Fractional-second precision: the server rounds, the wire format is the same.
      case TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> of(kind);
      default -> throw new IllegalArgumentException("type takes no modifier: " + text);
    };
  }

  /** The type as {@code format_type(oid, typmod)} prints it, e.g. {@code numeric(18,9)}. */
  public String formatType() {
    String base =
        switch (kind) {
          case ENUM -> enumName;
          case NUMERIC -> precision < 0 ? "numeric" : "numeric(" + precision + "," + scale + ")";
          case VARCHAR -> length < 0 ? "character varying" : "character varying(" + length + ")";
          case BPCHAR -> length < 0 ? "bpchar" : "character(" + length + ")";
          default -> kind.formatName();
        };
    return array ? base + "[]" : base;
  }

  /** The OID of the element type for built-in kinds; 0 for enums (look it up in the catalog). */
  public int elementOid() {
    return kind.oid();
  }

  @Override
  public String toString() {
    return formatType();
  }

  private static Map<String, PgKind> names() {
    Map<String, PgKind> names = new java.util.HashMap<>();
    for (PgKind kind : PgKind.values()) {
      if (kind != PgKind.ENUM) {
        names.put(kind.shortName(), kind);
        names.put(kind.formatName(), kind);
      }
    }
    names.put("boolean", PgKind.BOOL);
    names.put("int", PgKind.INT4);
    names.put("decimal", PgKind.NUMERIC);
    names.put("char", PgKind.BPCHAR);
    names.put("character", PgKind.BPCHAR);
    names.put("timestamp with time zone", PgKind.TIMESTAMPTZ);
    names.put("time with time zone", PgKind.TIMETZ);
    return Map.copyOf(names);
  }
}
