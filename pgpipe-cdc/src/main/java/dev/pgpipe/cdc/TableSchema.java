package dev.pgpipe.cdc;

import java.util.List;

/**
 * A captured table: schema, name, replica identity ({@code d} default/primary key, {@code f} full,
 * {@code i} index, {@code n} nothing) and columns in table order.
 */
public record TableSchema(String schema, String name, char replicaIdentity, List<Column> columns) {

  public TableSchema {
    columns = List.copyOf(columns);
  }

  /** {@code schema.name}. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  /** The names of the key columns, in table order. */
  public List<String> keyColumns() {
    return columns.stream().filter(Column::key).map(Column::name).toList();
  }
}
