package dev.pgpipe.cdc;

import dev.pgpipe.cdc.value.ValueKind;
import org.jspecify.annotations.Nullable;

/**
 * A column of a captured table: name, type (name as {@code pg_type.typname}, OID, and how values
 * are represented: {@code kind}, arrays as lists of it), whether it may hold NULL, and whether it
 * is part of the replica identity key.
 *
 * <p>What a sink needs to create or evolve the column on a target, when the source was reachable:
 * {@code typeModifier} ({@code atttypmod} as the Relation message sends it, -1 for none), {@code
 * definition} (the type as the target should declare it: {@code format_type} of the stream's type
 * OID and modifier, with a domain mapped to its base type and an enum, composite, range or
 * extension type mapped to {@code text}; null when unknown) and {@code missing} (the value the
 * source's rows that predate the column read, {@code pg_attribute.attmissingval}, as text; null
 * when there is none or it is unknown).
 */
public record Column(
    String name,
    String typeName,
    long typeOid,
    ValueKind kind,
    boolean array,
    boolean nullable,
    boolean key,
    int typeModifier,
    @Nullable String definition,
    @Nullable String missing) {

  public Column {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name must not be empty (type " + typeName + ")");
    }
  }

  /** A column without target details (modifier -1, definition and missing value unknown). */
  public Column(
      String name,
      String typeName,
      long typeOid,
      ValueKind kind,
      boolean array,
      boolean nullable,
      boolean key) {
    this(name, typeName, typeOid, kind, array, nullable, key, -1, null, null);
  }

  /**
   * The type to declare on a target: {@link #definition()}, else the type name (which keeps no
   * modifier: {@code varchar} without its length, {@code numeric} unconstrained).
   */
  public String declaredType() {
    return definition != null ? definition : typeName;
  }
}
