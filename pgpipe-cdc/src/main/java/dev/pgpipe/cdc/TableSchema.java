package dev.pgpipe.cdc;

import java.util.List;

/**
 * A captured table: schema, name, replica identity ({@code d} default/primary key, {@code f} full,
 * {@code i} index, {@code n} nothing), columns in table order, the source's relation OID (0 when
 * unknown), which survives renames and identifies the table across Relation messages, and the key's
 * column order as the source's primary key or replica identity index has it (empty when unknown:
 * the stream flags key columns but does not order them).
 */
public record TableSchema(
    String schema,
    String name,
    char replicaIdentity,
    List<Column> columns,
    long relationId,
    List<String> keyOrder) {

  public TableSchema {
    columns = List.copyOf(columns);
    List<String> flagged = columns.stream().filter(Column::key).map(Column::name).toList();
    keyOrder =
        keyOrder.equals(flagged)
                || !java.util.Set.copyOf(keyOrder).equals(java.util.Set.copyOf(flagged))
            ? List.of()
            : List.copyOf(keyOrder);
  }

  /** A table whose relation OID and key order are unknown. */
  public TableSchema(String schema, String name, char replicaIdentity, List<Column> columns) {
    this(schema, name, replicaIdentity, columns, 0, List.of());
  }

  /** A table whose key order is unknown (the key columns are taken in table order). */
  public TableSchema(
      String schema, String name, char replicaIdentity, List<Column> columns, long relationId) {
    this(schema, name, replicaIdentity, columns, relationId, List.of());
  }

  /** {@code schema.name}. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  /**
   * The names of the key columns: in the key's order ({@code keyOrder}, from the source catalog)
   * when it names exactly the flagged columns, else in table order.
   */
  public List<String> keyColumns() {
    List<String> flagged = columns.stream().filter(Column::key).map(Column::name).toList();
    return !keyOrder.isEmpty()
            && java.util.Set.copyOf(keyOrder).equals(java.util.Set.copyOf(flagged))
        ? keyOrder
        : flagged;
  }
}
