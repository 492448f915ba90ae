package dev.pgpipe.cli.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.sink.verify.Difference;
import dev.pgpipe.sink.verify.Key;
import dev.pgpipe.sink.verify.TableComparison;
import java.util.Locale;

/**
 * The machine form of {@code pgpipe verify}'s results, one JSON object per line: per table {@code
 * {"schema", "table", "status", "sourceRows", "targetRows", "differences": [{"kind", "first",
 * "last", "sourceRows", "targetRows", "keys"}], "moreDifferences", "problems", "notes"}}, a key
 * being an array of its columns' text values; then {@code {"summary": {"tables", "equal",
 * "different", "skipped"}, "note"}}. Statuses and kinds are lower case.
 */
final class VerifyJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private VerifyJson() {}

  static String table(TableComparison result) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", result.table().schema());
    node.put("table", result.table().name());
    node.put("status", lower(result.status()));
    node.put("sourceRows", result.sourceRows());
    node.put("targetRows", result.targetRows());
    ArrayNode differences = node.putArray("differences");
    for (Difference run : result.differences()) {
      ObjectNode item = differences.addObject();
      item.put("kind", lower(run.kind()));
      item.set("first", key(run.first()));
      item.set("last", key(run.last()));
      item.put("sourceRows", run.sourceRows());
      item.put("targetRows", run.targetRows());
      ArrayNode keys = item.putArray("keys");
      run.keys().forEach(k -> keys.add(key(k)));
    }
    node.put("moreDifferences", result.moreDifferences());
    result.problems().forEach(node.putArray("problems")::add);
    result.notes().forEach(node.putArray("notes")::add);
    return write(node);
  }

  static String summary(Tally tally) {
    ObjectNode node = MAPPER.createObjectNode();
    ObjectNode summary = node.putObject("summary");
    summary.put("tables", tally.tables());
    summary.put("equal", tally.equal());
    summary.put("different", tally.different());
    summary.put("skipped", tally.skipped());
    node.put("note", VerifyText.TRANSIENT_NOTE.substring("note: ".length()));
    return write(node);
  }

  private static ArrayNode key(Key key) {
    ArrayNode values = MAPPER.createArrayNode();
    key.values().forEach(values::add);
    return values;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a verify result as JSON", e);
    }
  }
}
