package dev.pgpipe.sink;

import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.SqlLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The statements of {@link SchemaAction}s: schema-qualified, idempotent where PostgreSQL allows
 * ({@code IF NOT EXISTS}, {@code IF EXISTS}), names quoted. A type reaches SQL only if it reads as
 * a type name with numeric modifiers, so an event cannot smuggle SQL in through a column
 * definition. Pure.
 */
final class TargetDdl {

  private static final Pattern TYPE =
      Pattern.compile(
          "(\"?[a-z_][a-z0-9_]*\"?|character varying|bit varying|double precision"
              + "|time(stamp)? with(out)? time zone"
              + "|interval( (year|month|day|hour|minute|second)( to (month|hour|minute|second))?)?)"
              + "(\\(\\d{1,4}(, ?\\d{1,4})?\\))?( with(out)? time zone)?(\\[\\])*");

  private TargetDdl() {}

  /** The statements that carry out {@code action} on table {@code schema.name}. */
  static List<String> statements(String schema, String name, SchemaAction action) {
    String table = Identifier.quote(schema, name);
    return switch (action) {
      case SchemaAction.CreateTable create -> create(create.source());
      case SchemaAction.AddColumn add -> List.of(addColumn(table, add));
      case SchemaAction.AlterType alter ->
          List.of(
              "ALTER TABLE "
                  + table
                  + " ALTER COLUMN "
                  + Identifier.quote(alter.name())
                  + " TYPE "
                  + type(alter.to(), alter.name()));
      case SchemaAction.DropNotNull drop ->
          List.of(
              "ALTER TABLE "
                  + table
                  + " ALTER COLUMN "
                  + Identifier.quote(drop.name())
                  + " DROP NOT NULL");
      case SchemaAction.DropColumn drop ->
          List.of(
              "ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + Identifier.quote(drop.name()));
      case SchemaAction.RenameColumn rename ->
          List.of(
              "ALTER TABLE "
                  + table
                  + " RENAME COLUMN "
                  + Identifier.quote(rename.from())
                  + " TO "
                  + Identifier.quote(rename.to()));
      case SchemaAction.RenameTable rename -> renameTable(schema, name, rename);
    };
  }

  private static String addColumn(String table, SchemaAction.AddColumn add) {
    String type = type(add.type(), add.name());
    return "ALTER TABLE "
        + table
        + " ADD COLUMN IF NOT EXISTS "
        + Identifier.quote(add.name())
        + " "
        + type
        + (add.missing() == null
            ? ""
            : " DEFAULT " + SqlLiteral.quote(add.missing()) + "::" + type);
  }

  private static List<String> renameTable(
      String schema, String name, SchemaAction.RenameTable rename) {
    List<String> statements = new ArrayList<>();
    if (!rename.schema().equals(schema)) {
      statements.add("CREATE SCHEMA IF NOT EXISTS " + Identifier.quote(rename.schema()));
      statements.add(
          "ALTER TABLE "
              + Identifier.quote(schema, name)
              + " SET SCHEMA "
              + Identifier.quote(rename.schema()));
    }
    if (!rename.name().equals(name)) {
      statements.add(
          "ALTER TABLE "
              + Identifier.quote(rename.schema(), name)
              + " RENAME TO "
              + Identifier.quote(rename.name()));
    }
    return statements;
  }

  private static List<String> create(TableSchema source) {
    List<String> parts = new ArrayList<>();
    List<String> key =
        source.replicaIdentity() == 'd' || source.replicaIdentity() == 'i'
            ? source.keyColumns()
            : List.of();
    for (Column column : source.columns()) {
      boolean notNull = !column.nullable() || key.contains(column.name());
      parts.add(
          Identifier.quote(column.name())
              + " "
              + type(column.declaredType(), column.name())
              + (notNull ? " NOT NULL" : ""));
    }
    if (!key.isEmpty()) {
      parts.add("PRIMARY KEY (" + Identifier.quoteAll(key) + ")");
    }
    return List.of(
        "CREATE SCHEMA IF NOT EXISTS " + Identifier.quote(source.schema()),
        "CREATE TABLE IF NOT EXISTS "
            + Identifier.quote(source.schema(), source.name())
            + " ("
            + String.join(", ", parts)
            + ")");
  }

  /** The type, checked to be a type name. */
  static String type(String type, String column) {
    if (!TYPE.matcher(type).matches()) {
      throw new SinkException(
          "column "
              + column
              + " has a type this sink does not declare: '"
              + type
              + "'; create the column on the target by hand and restart");
    }
    return type;
  }
}
