package dev.pgpipe.cdc;

import java.util.Optional;

/**
 * A table that an initial snapshot copied, by its names at the source: the table of a snapshot row,
 * or the one an {@link EmptyTableMark} names (a table without rows sends one in place of its rows).
 * The reader hands out each table's snapshot in transactions of its own; a path may join them (the
 * buffer does), so {@link #of} reads each event.
 */
public record CopiedTable(String schema, String name) {

  /** The table {@code event} of a snapshot copies: a row's table, or the one a mark names. */
  public static Optional<CopiedTable> of(ChangeEvent event) {
    TableSchema table = event.table();
    if (table != null) {
      return Optional.of(new CopiedTable(table.schema(), table.name()));
    }
    return EmptyTableMark.of(event).map(mark -> new CopiedTable(mark.schema(), mark.table()));
  }

  /** {@code schema.name}, as {@link TableSchema#qualifiedName()} writes it. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
