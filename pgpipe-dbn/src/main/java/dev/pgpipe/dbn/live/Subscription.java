package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One subscription: a schema, the symbology of the symbols, the symbols, and either a snapshot or
 * an intraday replay start. Immutable.
 *
 * <p>On the wire a subscription is one line per 500 symbols, all but the last with {@code
 * is_last=0}:
 *
 * <pre>
 *   schema=trades|stype_in=parent|symbols=ES.FUT,NQ.FUT|snapshot=0|id=1|is_last=1[|start=&lt;ns&gt;]\n
 * </pre>
 *
 * @param schema what to receive
 * @param stypeIn the symbology of {@code symbols}
 * @param symbols at least one symbol, or {@link #ALL_SYMBOLS}
 * @param snapshot whether to begin with a snapshot of the book
 * @param start replay from this instant (only before the session starts; not with a snapshot)
 */
public record Subscription(
    Schema schema, SType stypeIn, List<String> symbols, boolean snapshot, @Nullable Instant start) {

  /** The symbol that subscribes to every instrument of the dataset. */
  public static final String ALL_SYMBOLS = "ALL_SYMBOLS";

  /** The most symbols the gateway takes on one line. */
  public static final int SYMBOLS_PER_LINE = 500;

  /** Checks the symbols and that a snapshot is not combined with a replay start. */
  public Subscription {
    symbols = List.copyOf(symbols);
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("a subscription needs at least one symbol");
    }
    for (String symbol : symbols) {
      if (symbol.isBlank() || symbol.matches(".*[|,\\s].*")) {
        throw new IllegalArgumentException(
            "a symbol cannot be blank or hold '|', ',' or spaces: '" + symbol + "'");
      }
    }
    if (snapshot && start != null) {
      throw new IllegalArgumentException(
          "a subscription takes a snapshot or a replay start, not both: start=" + start);
    }
  }

  /** A subscription without snapshot or replay. */
  public static Subscription of(Schema schema, SType stypeIn, String... symbols) {
    return new Subscription(schema, stypeIn, Arrays.asList(symbols), false, null);
  }

  /** A subscription without snapshot or replay. */
  public static Subscription of(Schema schema, SType stypeIn, List<String> symbols) {
    return new Subscription(schema, stypeIn, symbols, false, null);
  }

  /** This subscription beginning with a snapshot. */
  public Subscription withSnapshot() {
    return new Subscription(schema, stypeIn, symbols, true, start);
  }

  /** This subscription replaying from {@code from}. */
  public Subscription withStart(Instant from) {
    return new Subscription(schema, stypeIn, symbols, snapshot, from);
  }

  /**
   * The lines that send this subscription, newline included.
   *
   * @param id the subscription's id on the wire
   * @param withStart whether to send {@code start} (not on a resubscription after a reconnect)
   */
  List<String> lines(int id, boolean withStart) {
    List<String> lines = new ArrayList<>();
    for (int from = 0; from < symbols.size(); from += SYMBOLS_PER_LINE) {
      int to = Math.min(symbols.size(), from + SYMBOLS_PER_LINE);
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("schema", schema.text());
      fields.put("stype_in", stypeIn.text());
      fields.put("symbols", String.join(",", symbols.subList(from, to)));
      fields.put("snapshot", snapshot ? "1" : "0");
      fields.put("id", Integer.toString(id));
      fields.put("is_last", to == symbols.size() ? "1" : "0");
      Instant replay = start;
      if (withStart && replay != null) {
        fields.put("start", Long.toString(nanos(replay)));
      }
      lines.add(ControlLine.encode(fields));
    }
    return lines;
  }

  private static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
