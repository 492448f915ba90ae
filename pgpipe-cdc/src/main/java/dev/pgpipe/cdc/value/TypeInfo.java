package dev.pgpipe.cdc.value;

/**
 * What the catalog says of one type: its name, its category ({@code pg_type.typtype}: {@code b}
 * base, {@code d} domain, {@code e} enum, {@code c} composite, {@code r} range, {@code m}
 * multirange, {@code p} pseudo), its array element ({@code typelem} when it is an array, else 0)
 * and the base type of a domain ({@code typbasetype}, else 0).
 */
public record TypeInfo(long oid, String name, char category, long elementOid, long baseOid) {

  public TypeInfo {
    if (name.isBlank()) {
      throw new IllegalArgumentException("type name must not be blank for OID " + oid);
    }
  }

  /** A built-in scalar type. */
  static TypeInfo base(long oid, String name) {
    return new TypeInfo(oid, name, 'b', 0, 0);
  }

  /** A built-in array type. */
  static TypeInfo array(long oid, String name, long elementOid) {
    return new TypeInfo(oid, name, 'b', elementOid, 0);
  }
}
