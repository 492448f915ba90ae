package dev.pgpipe.copy.codec;

import java.util.List;
import java.util.Set;

/** Finds the {@link Codec} for a column type. Thread-safe. */
public final class Codecs {

  private Codecs() {}

  /**
   * The codec of a built-in type (or array of one). Enums need their OID and labels from the
   * catalog: use {@link #forEnum}.
   */
  public static Codec forType(PgType type) {
    if (type.kind() == PgKind.ENUM) {
      throw new IllegalArgumentException(
          "enum " + type.enumName() + " needs its OID from the catalog: use Codecs.forEnum");
    }
    Codec element = scalar(type.element(), Set.of());
    return type.array() ? new ArrayCodec(type, element, type.elementOid()) : element;
  }

  /**
   * The codec of an enum type (or array of one) whose OID and labels were read from the catalog;
   * labels not listed are refused (an empty list skips the check).
   */
  public static Codec forEnum(PgType type, int enumOid, List<String> labels) {
    if (type.kind() != PgKind.ENUM) {
      throw new IllegalArgumentException("not an enum type: " + type);
    }
    Codec element = new TextCodec(type.element(), Set.copyOf(labels));
    return type.array() ? new ArrayCodec(type, element, enumOid) : element;
  }

  private static Codec scalar(PgType type, Set<String> labels) {
    return switch (type.kind()) {
      case BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, CHAR, UUID, BYTEA -> new ScalarCodec(type);
      case NUMERIC -> new NumericCodec(type);
      case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, ENUM -> new TextCodec(type, labels);
      case DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> new TemporalCodec(type);
      case INET, CIDR -> new NetCodec(type);
    };
  }
}
