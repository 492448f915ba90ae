package dev.pgpipe.cdc.ddl;

import java.util.List;
import java.util.Optional;

/**
 * A table as the catalog described it inside the DDL command: its relation OID (the identity that
 * survives renames and the one pgoutput's Relation messages carry), schema and name (unquoted),
 * {@code relkind} ({@code r} table, {@code p} partitioned, {@code f} foreign) and its live columns
 * in attnum order. Immutable.
 */
public record DdlTable(
    long relationId, String schema, String name, char kind, List<DdlColumn> columns) {

  public DdlTable {
    columns = List.copyOf(columns);
    for (int i = 1; i < columns.size(); i++) {
      if (columns.get(i).attnum() <= columns.get(i - 1).attnum()) {
        throw new IllegalArgumentException(
            "columns of " + schema + "." + name + " are not in attnum order: " + columns);
      }
    }
  }

  /** {@code schema.name}, unquoted, as {@link dev.pgpipe.cdc.TableSchema#qualifiedName()}. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  /** The live column with this attnum. */
  public Optional<DdlColumn> column(int attnum) {
    return columns.stream().filter(c -> c.attnum() == attnum).findFirst();
  }
}
