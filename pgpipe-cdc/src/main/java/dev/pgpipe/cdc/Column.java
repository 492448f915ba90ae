package dev.pgpipe.cdc;

import dev.pgpipe.cdc.value.ValueKind;

/**
 * A column of a captured table: name, type (name as {@code pg_type.typname}, OID, and how values
 * are represented: {@code kind}, arrays as lists of it), whether it may hold NULL, and whether it
 * is part of the replica identity key.
 */
public record Column(
    String name,
    String typeName,
    long typeOid,
    ValueKind kind,
    boolean array,
    boolean nullable,
    boolean key) {

  public Column {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name must not be empty (type " + typeName + ")");
    }
  }
}
