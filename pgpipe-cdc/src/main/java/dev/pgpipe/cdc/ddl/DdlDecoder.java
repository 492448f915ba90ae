package dev.pgpipe.cdc.ddl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.cdc.ddl.DdlEvent.OtherObject;
import dev.pgpipe.cdc.ddl.DdlEvent.TableAltered;
import dev.pgpipe.cdc.ddl.DdlEvent.TableCreated;
import dev.pgpipe.cdc.ddl.DdlEvent.TableDropped;
import dev.pgpipe.cdc.ddl.DdlEvent.TableRewritten;
import dev.pgpipe.cdc.ddl.DdlEvent.Uncaptured;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the content of one {@value DdlEvents#PREFIX} logical message into {@link DdlEvent}s.
 * Pure: bytes in, values out; no SQL. Thread-safe.
 *
 * <p>The content is a UTF-8 JSON object written by the event trigger function {@code
 * pgpipe.ddl_capture()} ({@code pgpipe-cdc/src/main/resources/dev/pgpipe/cdc/ddl/install.sql}):
 *
 * <pre>
 * field      type     in              meaning
 * version    int      all             1
 * event      string   all             ddl_command_end | sql_drop | table_rewrite
 * tag        string   all             command tag of the statement (TG_TAG)
 * error      string   failure only    why the command could not be described
 * commands   [cmd]    ddl_command_end pg_event_trigger_ddl_commands(), in order
 *   tag, object_type, identity, schema (string or null), oid (int8), subid (int),
 *   table (table or null: set when the object is a table or one of its columns),
 *   before (table or null, optional: the table as the previous captured command left it)
 * dropped    [obj]    sql_drop        pg_event_trigger_dropped_objects(), in order
 *   object_type, identity, schema, name (string or null), oid, subid, original (bool)
 * oid, reason, table  table_rewrite   pg_event_trigger_table_rewrite_oid() / _reason()
 * table      {oid, schema, name, kind, columns: [{attnum, name, type, type_oid, typmod,
 *             not_null, default (string or null), generated, identity}]}
 * </pre>
 *
 * Unknown fields are ignored, so later versions may add some; a missing or mistyped field, or
 * another {@code version}, is a {@link DdlFormatException} with the message's LSN.
 */
public final class DdlDecoder {

  /** The format version this decoder reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CREATING =
      Set.of("CREATE TABLE", "CREATE TABLE AS", "SELECT INTO", "CREATE FOREIGN TABLE");
  private static final Set<String> TABLE_TYPES = Set.of("table", "foreign table");

  private DdlDecoder() {}

  /**
   * The events of one message, in the order the trigger listed them (possibly none).
   *
   * @param lsn the message's LSN, for the error
   * @throws DdlFormatException when the content is not a message of this format
   */
  public static List<DdlEvent> decode(byte[] content, long lsn) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new DdlFormatException("not JSON: " + e.getOriginalMessage(), lsn, e);
    } catch (IOException e) {
      throw new DdlFormatException("unreadable: " + e.getMessage(), lsn, e);
    }
    Fields message = new Fields(root, "message", lsn);
    int version = message.integer("version");
    if (version != VERSION) {
      throw new DdlFormatException(
          "version " + version + ", but this pgpipe reads version " + VERSION, lsn);
    }
    String event = message.text("event");
    String tag = message.text("tag");
    if (message.has("error")) {
      return List.of(new Uncaptured(tag, event, message.text("error")));
    }
    return switch (event) {
      case "ddl_command_end" -> commands(message.array("commands"), lsn);
      case "sql_drop" -> dropped(tag, message.array("dropped"), lsn);
      case "table_rewrite" ->
          List.of(
              new TableRewritten(
                  tag, table(message.object("table"), lsn), message.integer("reason")));
      default -> throw new DdlFormatException("unknown event '" + event + "'", lsn);
    };
  }

  private static List<DdlEvent> commands(List<JsonNode> commands, long lsn) {
    List<DdlEvent> events = new ArrayList<>(commands.size());
    for (JsonNode node : commands) {
      Fields command = new Fields(node, "command", lsn);
      String tag = command.text("tag");
      String objectType = command.text("object_type");
      if (command.isNull("table")) {
        events.add(new OtherObject(tag, objectType, command.text("identity"), false));
        continue;
      }
      DdlTable table = table(command.object("table"), lsn);
      boolean created = CREATING.contains(tag) && TABLE_TYPES.contains(objectType);
      DdlTable before =
          command.has("before") && !command.isNull("before")
              ? table(command.object("before"), lsn)
              : null;
      events.add(created ? new TableCreated(tag, table) : altered(tag, table, before, lsn));
    }
    return events;
  }

  private static TableAltered altered(
      String tag, DdlTable table, @Nullable DdlTable before, long lsn) {
    try {
      return new TableAltered(tag, table, before);
    } catch (IllegalArgumentException e) {
      throw new DdlFormatException(
          "table " + table.qualifiedName() + ": " + e.getMessage(), lsn, e);
    }
  }

  private static List<DdlEvent> dropped(String tag, List<JsonNode> objects, long lsn) {
    List<DdlEvent> events = new ArrayList<>(objects.size());
    for (JsonNode node : objects) {
      Fields object = new Fields(node, "dropped object", lsn);
      String objectType = object.text("object_type");
      if (TABLE_TYPES.contains(objectType)) {
        events.add(
            new TableDropped(
                tag,
                object.int8("oid"),
                object.text("schema"),
                object.text("name"),
                object.bool("original")));
      } else {
        events.add(new OtherObject(tag, objectType, object.text("identity"), true));
      }
    }
    return events;
  }

  private static DdlTable table(JsonNode node, long lsn) {
    Fields table = new Fields(node, "table", lsn);
    String name = table.text("schema") + "." + table.text("name");
    List<DdlColumn> columns = new ArrayList<>();
    for (JsonNode columnNode : table.array("columns")) {
      columns.add(column(new Fields(columnNode, "column of " + name, lsn)));
    }
    String kind = table.text("kind");
    if (kind.length() != 1) {
      throw new DdlFormatException("table " + name + " has kind '" + kind + "'", lsn);
    }
    try {
      return new DdlTable(
          table.int8("oid"), table.text("schema"), table.text("name"), kind.charAt(0), columns);
    } catch (IllegalArgumentException e) {
      throw new DdlFormatException(String.valueOf(e.getMessage()), lsn, e);
    }
  }

  private static DdlColumn column(Fields column) {
    try {
      return new DdlColumn(
          column.integer("attnum"),
          column.text("name"),
          column.text("type"),
          column.int8("type_oid"),
          column.integer("typmod"),
          column.bool("not_null"),
          column.isNull("default") ? null : column.text("default"),
          column.text("generated"),
          column.text("identity"));
    } catch (IllegalArgumentException e) {
      throw column.malformed(String.valueOf(e.getMessage()));
    }
  }
}
