package dev.pgpipe.cli.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.sink.deadletter.DeadLetter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Dead letters as text: a table, one letter in full, or JSON lines. */
final class LetterText {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ERROR_WIDTH = 90;

  private LetterText() {}

  static void table(PrintWriter out, List<DeadLetter> letters) {
    String format = "%-12s %-24s %-9s %-16s %-8s %-20s %s%n";
    out.printf(
        Locale.ROOT, format, "ID", "TABLE", "OP", "POSITION", "ATTEMPTS", "REFUSED AT", "ERROR");
    for (DeadLetter l : letters) {
      out.printf(
          Locale.ROOT,
          format,
          l.ref(),
          l.qualifiedTable(),
          l.operation(),
          l.position(),
          l.attempts(),
          l.failedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
          shorten(
              (l.sqlState() == null ? "" : "[" + l.sqlState() + "] ") + serverMessage(l.error())));
    }
  }

  /** One JSON object per letter, the event included as JSON. */
  static void json(PrintWriter out, List<DeadLetter> letters) {
    for (DeadLetter l : letters) {
      out.println(node(l).toString());
    }
  }

  static ObjectNode node(DeadLetter l) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", l.ref());
    node.put("store", l.origin().label());
    node.put("source_id", l.sourceId());
    node.put("schema", l.schema());
    node.put("table", l.table());
    node.put("operation", l.operation());
    node.put("commit_lsn", Lsn.format(l.commitLsn()));
    node.put("index", l.eventIndex());
    node.put("error", l.error());
    node.put("sql_state", l.sqlState());
    node.put("attempts", l.attempts());
    node.put("failed_at", l.failedAt().toString());
    node.set("event", event(l));
    return node;
  }

  /** Everything about one letter, and what to do about it. */
  static void show(PrintWriter out, DeadLetter l) {
    out.printf(Locale.ROOT, "dead letter  %s%n", l.ref());
    out.printf(Locale.ROOT, "table        %s%n", l.qualifiedTable());
    out.printf(Locale.ROOT, "operation    %s%n", l.operation());
    out.printf(
        Locale.ROOT,
        "position     commit LSN %s, event %d of its transaction%n",
        Lsn.format(l.commitLsn()),
        l.eventIndex());
    out.printf(Locale.ROOT, "source       %s (%s store)%n", l.sourceId(), l.origin().label());
    out.printf(Locale.ROOT, "refused      %s, %d time(s)%n", l.failedAt(), l.attempts());
    out.printf(
        Locale.ROOT,
        "error        %s%s%n",
        serverMessage(l.error()),
        l.sqlState() == null ? "" : " (SQLSTATE " + l.sqlState() + ")");
    if (!serverMessage(l.error()).equals(l.error().strip())) {
      out.printf(Locale.ROOT, "as recorded  %s%n", l.error().strip());
    }
    out.println("event");
    out.println(pretty(event(l)));
    out.println("what to do");
    for (String line : Advice.lines(l)) {
      out.println("  " + line);
    }
  }

  private static JsonNode event(DeadLetter l) {
    try {
      return JSON.readTree(l.event());
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(l.event());
    }
  }

  private static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return node.toString();
    }
  }

  /**
   * The server's own words in a recorded error: a batch failure reported by the driver wraps them
   * ("Batch entry 0 INSERT ... was aborted: ERROR: ... Call getNextException ...").
   */
  static String serverMessage(String error) {
    int at = error.indexOf("ERROR: ");
    String text = at < 0 ? error : error.substring(at + "ERROR: ".length());
    int call = text.indexOf("Call getNextException");
    return (call < 0 ? text : text.substring(0, call)).strip();
  }

  private static String shorten(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() <= ERROR_WIDTH ? line : line.substring(0, ERROR_WIDTH - 3) + "...";
  }
}
