package dev.pgpipe.copy.codec;

/**
 * The base PostgreSQL types pgpipe encodes, with their built-in OIDs (element and array) and their
 * names as {@code format_type} prints them. {@link #ENUM} stands for any enum type; its OIDs are
 * per database and come from the catalog.
 */
public enum PgKind {
  BOOL("bool", "boolean", 16, 1000),
  INT2("int2", "smallint", 21, 1005),
  INT4("int4", "integer", 23, 1007),
  INT8("int8", "bigint", 20, 1016),
  FLOAT4("float4", "real", 700, 1021),
  FLOAT8("float8", "double precision", 701, 1022),
  NUMERIC("numeric", "numeric", 1700, 1231),
  TEXT("text", "text", 25, 1009),
  VARCHAR("varchar", "character varying", 1043, 1015),
  BPCHAR("bpchar", "character", 1042, 1014),
  NAME("name", "name", 19, 1003),
  CHAR("char", "\"char\"", 18, 1002),
  BYTEA("bytea", "bytea", 17, 1001),
  UUID("uuid", "uuid", 2950, 2951),
  DATE("date", "date", 1082, 1182),
  TIME("time", "time without time zone", 1083, 1183),
  TIMETZ("timetz", "time with time zone", 1266, 1270),
  TIMESTAMP("timestamp", "timestamp without time zone", 1114, 1115),
  TIMESTAMPTZ("timestamptz", "timestamp with time zone", 1184, 1185),
  INTERVAL("interval", "interval", 1186, 1187),
  JSON("json", "json", 114, 199),
  JSONB("jsonb", "jsonb", 3802, 3807),
  INET("inet", "inet", 869, 1041),
  CIDR("cidr", "cidr", 650, 651),
  ENUM("enum", "enum", 0, 0);

  private final String shortName;
  private final String formatName;
  private final int oid;
  private final int arrayOid;

  PgKind(String shortName, String formatName, int oid, int arrayOid) {
    this.shortName = shortName;
    this.formatName = formatName;
    this.oid = oid;
    this.arrayOid = arrayOid;
  }

  /** The internal type name ({@code int8}, {@code timestamptz}). */
  public String shortName() {
    return shortName;
  }

  /** The name {@code format_type} prints without a type modifier ({@code bigint}). */
  public String formatName() {
    return formatName;
  }

  /** The built-in type OID; 0 for {@link #ENUM}. */
  public int oid() {
    return oid;
  }

  /** The built-in OID of the array type; 0 for {@link #ENUM}. */
  public int arrayOid() {
    return arrayOid;
  }

  /** Whether values always take the same number of bytes on the wire. */
  public boolean fixedWidth() {
    return switch (this) {
      case BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, CHAR, UUID, DATE, TIME, TIMETZ -> true;
      case TIMESTAMP, TIMESTAMPTZ, INTERVAL -> true;
      default -> false;
    };
  }
}
