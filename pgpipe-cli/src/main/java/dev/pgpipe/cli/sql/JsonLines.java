package dev.pgpipe.cli.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Prints a {@link SqlResult} as JSON lines: one object per row, keyed by column label in column
 * order. Numbers are JSON numbers (NaN and infinities stay strings), booleans are booleans, json
 * and jsonb values are embedded as JSON, everything else is PostgreSQL's text form; SQL NULL is
 * {@code null}. A statement that changed rows prints {@code {"updated": n}}; one that returns
 * nothing prints nothing.
 */
final class JsonLines {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonLines() {}

  static void print(SqlResult result, PrintWriter out) {
    if (result.kind() == SqlResult.Kind.COUNT) {
      out.println(write(MAPPER.createObjectNode().put("updated", result.updated())));
    }
    for (List<@Nullable String> row : result.rows()) {
      ObjectNode line = MAPPER.createObjectNode();
      for (int c = 0; c < row.size(); c++) {
        SqlColumn column = result.columns().get(c);
        line.set(column.label(), value(column, row.get(c)));
      }
      out.println(write(line));
    }
    out.flush();
  }

  private static JsonNode value(SqlColumn column, @Nullable String text) {
    if (text == null) {
      return MAPPER.nullNode();
    }
    if (column.isBoolean()) {
      return MAPPER.getNodeFactory().booleanNode(text.equals("t") || text.equals("true"));
    }
    if (column.isNumber() && isFinite(text)) {
      return MAPPER.getNodeFactory().numberNode(new BigDecimal(text));
    }
    if (column.isJson()) {
      try {
        return MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the server sent invalid JSON in " + column.label(), e);
      }
    }
    return MAPPER.getNodeFactory().textNode(text);
  }

  private static boolean isFinite(String number) {
    return !number.equals("NaN") && !number.endsWith("Infinity");
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a row as JSON", e);
    }
  }
}
