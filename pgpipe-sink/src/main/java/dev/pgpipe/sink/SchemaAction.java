package dev.pgpipe.sink;

import dev.pgpipe.cdc.TableSchema;
import org.jspecify.annotations.Nullable;

/** One change a target table needs to follow its source table. Immutable values. */
sealed interface SchemaAction {

  /** The table, created from the source's columns, NOT NULL flags and key. */
  record CreateTable(TableSchema source) implements SchemaAction {}

  /**
   * A column the source added; with {@code missing} (the value the source's older rows read) as its
   * default, so the target's older rows read it too.
   */
  record AddColumn(String name, String type, @Nullable String missing) implements SchemaAction {}

  /** A column widened on the source ({@link TypeWidening}). */
  record AlterType(String name, String from, String to) implements SchemaAction {}

  /** A column the source dropped and the target keeps: no longer written, so it must take NULL. */
  record DropNotNull(String name) implements SchemaAction {}

  /** A column the source dropped, dropped on the target too ({@code --drop-columns}). */
  record DropColumn(String name) implements SchemaAction {}

  /** A column the source renamed (seen by DDL capture): its values stay, under the new name. */
  record RenameColumn(String from, String to) implements SchemaAction {}

  /** The table renamed or moved to another schema on the source (seen by DDL capture). */
  record RenameTable(String schema, String name) implements SchemaAction {}
}
