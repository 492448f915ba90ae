package dev.pgpipe.cdc.ddl;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One schema change captured on the source, decoded from a {@value DdlEvents#PREFIX} message.
 *
 * <p>A DDL statement yields, in this order: {@link TableRewritten} when it rewrites a table (before
 * the rewrite), the objects it dropped ({@link TableDropped}, {@link OtherObject} with {@code
 * dropped}), then what it created or changed ({@link TableCreated}, {@link TableAltered}, {@link
 * OtherObject}). Every table event carries the table's columns as they are after the statement, so
 * consecutive events of one table compare with {@link ColumnChanges}. Temporary objects, objects
 * created by extensions and commands without an object (GRANT) are not captured. {@link Uncaptured}
 * stands for a command the trigger failed to describe: the schema changed there in a way the stream
 * does not tell. Immutable values.
 */
public sealed interface DdlEvent {

  /** The command tag of the statement, e.g. {@code ALTER TABLE}. */
  String commandTag();

  /** {@code CREATE TABLE}, {@code CREATE TABLE AS}, {@code SELECT INTO}, a foreign table. */
  record TableCreated(String commandTag, DdlTable table) implements DdlEvent {}

  /**
   * Any other command whose object is a table or one of its columns: ALTER TABLE (columns, rename,
   * SET SCHEMA, constraints), COMMENT, ... The columns may be unchanged. {@code before} is the
   * table as the previous captured command on it left it (its name and columns with attnums), so
   * {@link ColumnChanges#between(DdlTable, DdlTable)} tells a renamed column from a dropped and an
   * added one; null when that is not known: the trigger's record was lost in a crash of the source
   * (it is unlogged) or is older than the command.
   */
  record TableAltered(String commandTag, DdlTable table, @Nullable DdlTable before)
      implements DdlEvent {

    public TableAltered {
      if (before != null && before.relationId() != table.relationId()) {
        throw new IllegalArgumentException(
            "before is another table: OID " + before.relationId() + ", not " + table.relationId());
      }
    }

    /** What the command changed in the table's columns: empty when {@code before} is unknown. */
    public List<ColumnChange> columnChanges() {
      return before == null ? List.of() : ColumnChanges.between(before, table);
    }
  }

  /** A table dropped, directly ({@code original}) or as a dependent (DROP SCHEMA ... CASCADE). */
  record TableDropped(
      String commandTag, long relationId, String schema, String name, boolean original)
      implements DdlEvent {

    /** {@code schema.name}, unquoted. */
    public String qualifiedName() {
      return schema + "." + name;
    }
  }

  /**
   * A table about to be rewritten (ALTER COLUMN TYPE, ADD COLUMN with a volatile default, SET
   * LOGGED, ...): the new values of its existing rows never reach the stream. {@code reason} is
   * {@code pg_event_trigger_table_rewrite_reason()}: a bit mask of 1 (persistence), 2 (default
   * value), 4 (column type), 8 (access method).
   */
  record TableRewritten(String commandTag, DdlTable table, int reason) implements DdlEvent {}

  /**
   * A command on an object that is not a table (index, sequence, view, type, function, schema, a
   * dropped column or constraint, ...): its type and identity as PostgreSQL prints them ({@code
   * pg_identify_object}, quoted where needed), and whether it was dropped.
   */
  record OtherObject(String commandTag, String objectType, String identity, boolean dropped)
      implements DdlEvent {}

  /**
   * A command the trigger could not describe; {@code event} is the trigger event ({@code
   * ddl_command_end}, {@code sql_drop}, {@code table_rewrite}) and {@code error} the reason.
   */
  record Uncaptured(String commandTag, String event, String error) implements DdlEvent {}
}
