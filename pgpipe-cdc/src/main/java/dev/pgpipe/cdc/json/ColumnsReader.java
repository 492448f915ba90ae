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
  private final Map<String, List<Column>> known = new ConcurrentHashMap<>();

  ColumnsReader(JsonFactory factory) {
    this.factory = factory;
  }

  /**
   * The columns of the array whose START_ARRAY is the parser's current token, leaving the parser at
   * its END_ARRAY; {@code input} is the parser's whole input, a String or a byte array.
   */
  List<Column> read(JsonParser in, Object input) throws IOException {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      in.skipChildren();
      return List.of();
    }
    int start = offset(in.currentTokenLocation(), input);
    if (start < 0) {
      return List.copyOf(parse(in));
    }
    in.skipChildren();
    int end = offset(in.currentLocation(), input);
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
        columns = List.copyOf(parse(array));
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
    if (in.currentToken() != JsonToken.START_ARRAY) {
      in.skipChildren();
      return columns;
    }
    while (in.nextToken() == JsonToken.START_OBJECT) {
      columns.add(column(in));
    }
    return columns;
  }

  private static Column column(JsonParser in) throws IOException {
    String name = null;
    String type = null;
    String kind = null;
    long oid = 0;
    boolean array = false;
    boolean nullable = false;
    boolean key = false;
    int typmod = -1;
    String definition = null;
    String missing = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      in.nextToken();
      switch (field) {
        case "name" -> name = EventReader.text(in);
        case "type" -> type = EventReader.text(in);
        case "oid" -> oid = in.getValueAsLong();
        case "kind" -> kind = EventReader.text(in);
        case "array" -> array = in.getValueAsBoolean();
        case "nullable" -> nullable = in.getValueAsBoolean();
        case "key" -> key = in.getValueAsBoolean();
        case "typmod" -> typmod = in.getValueAsInt(-1);
        case "definition" -> definition = EventReader.text(in);
        case "missing" -> missing = EventReader.text(in);
        default -> in.skipChildren();
      }
    }
    return new Column(
        EventReader.required(name, "name"),
        EventReader.required(type, "type"),
        oid,
        kind(EventReader.required(kind, "kind")),
        array,
        nullable,
        key,
        typmod,
        definition,
        missing);
  }

  private static ValueKind kind(String label) {
    return ValueKind.valueOf(label.toUpperCase(Locale.ROOT));
  }
}
