package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.value.ValueKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads an event's {@code columns} array (ENVELOPE.md, "Event"). Envelopes repeat a table's columns
 * in each of its events, so the array's text is looked up among those read before: when found, its
 * tokens are only skipped and the columns read then are returned, the same immutable list; else it
 * is read and remembered. Holds at most {@value #LIMIT} arrays and forgets them all when more come.
 * Thread-safe.
 */
final class ColumnsReader {

  static final int LIMIT = 1024;

  private final JsonFactory factory;
  private final Map<String, List<Column>> fromText = new ConcurrentHashMap<>();
  private final Map<String, List<Column>> fromBytes = new ConcurrentHashMap<>();

  ColumnsReader(JsonFactory factory) {
    this.factory = factory;
  }

  /**
   * The columns of the {@code columns} field, whose first token is the parser's current one (null
   * for none), leaving the parser on its last token; {@code input} is the parser's whole input, a
   * String or a byte array.
   */
  List<Column> read(JsonParser in, Object input) throws IOException {
    int start = offset(in.currentTokenLocation(), input);
    if (in.currentToken() != JsonToken.START_ARRAY || start < 0) {
      return parse(in);
    }
    in.skipChildren();
    int end = offset(in.currentLocation(), input);
    Map<String, List<Column>> known = input instanceof byte[] ? fromBytes : fromText;
    String text =
        input instanceof byte[] bytes
            ? new String(bytes, start, end - start, StandardCharsets.ISO_8859_1)
            : input.toString().substring(start, end);
    List<Column> columns = known.get(text);
    if (columns == null) {
      try (JsonParser array =
          input instanceof byte[] bytes
              ? factory.createParser(bytes, start, end - start)
              : factory.createParser(text)) {
        array.nextToken();
        columns = parse(array);
      }
      if (known.size() >= LIMIT) {
        known.clear();
      }
      known.put(text, columns);
    }
    return columns;
  }

  /** Where the location is in the input: a byte offset in bytes, a char offset in a String. */
  private static int offset(JsonLocation location, Object input) {
    return (int) (input instanceof byte[] ? location.getByteOffset() : location.getCharOffset());
  }

  private static List<Column> parse(JsonParser in) throws IOException {
    List<Column> columns = new ArrayList<>();
    Tokens.objects(
        in,
        "columns",
        (index, column) -> {
          try {
            columns.add(column(column));
          } catch (RuntimeException e) {
            throw Tokens.at("column " + index, e);
          }
        });
    return List.copyOf(columns);
  }

  private static Column column(JsonParser in) throws IOException {
    ColumnFields fields = new ColumnFields();
    Tokens.fields(
        in,
        (name, value) -> {
          switch (name) {
            case "name" -> fields.name = Tokens.text(value, name);
            case "type" -> fields.type = Tokens.text(value, name);
            case "oid" -> fields.oid = value.getValueAsLong();
            case "kind" -> fields.kind = Tokens.text(value, name);
            case "array" -> fields.array = value.getValueAsBoolean();
            case "nullable" -> fields.nullable = value.getValueAsBoolean();
            case "key" -> fields.key = value.getValueAsBoolean();
            case "typmod" -> fields.typmod = value.getValueAsInt(-1);
            case "definition" -> fields.definition = Tokens.optionalText(value);
            case "missing" -> fields.missing = Tokens.optionalText(value);
            default -> {}
          }
        });
    return fields.column();
  }

  /** A column's fields as read. */
  private static final class ColumnFields {
    @Nullable String name;
    @Nullable String type;
    @Nullable String kind;
    long oid;
    boolean array;
    boolean nullable;
    boolean key;
    int typmod = -1;
    @Nullable String definition;
    @Nullable String missing;

    Column column() {
      String label = Tokens.required(kind, "kind");
      ValueKind valueKind;
      try {
        valueKind = ValueKind.valueOf(label.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new EnvelopeException("unknown kind '" + Tokens.shortened(label) + "'", e);
      }
      return new Column(
          Tokens.required(name, "name"),
          Tokens.required(type, "type"),
          oid,
          valueKind,
          array,
          nullable,
          key,
          typmod,
          definition,
          missing);
    }
  }
}
