package dev.pgpipe.cli.verify;

import dev.pgpipe.sink.verify.Difference;
import dev.pgpipe.sink.verify.Difference.Kind;
import dev.pgpipe.sink.verify.Key;
import dev.pgpipe.sink.verify.TableComparison;
import dev.pgpipe.sink.verify.TableComparison.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The human form of {@code pgpipe verify}'s results: one line per table, then a summary.
 *
 * <pre>
 * ok    public.ev  25,000 rows
 * DIFF  public.ev  source 25,000 rows, target 10,000; keys 10001..25000 missing in target
 *       (15,000 rows)
 * DIFF  public.t  source 3 rows, target 3; changed: 2
 * skip  public.log  no primary key: name it in the table list to compare ...
 * </pre>
 */
public final class VerifyText {

  static final String TRANSIENT_NOTE =
      "note: each table was read in one REPEATABLE READ snapshot per side; a replica that"
          + " replication is still writing to may differ transiently: verify again once it has"
          + " caught up";

  private static final int KEYS_SHOWN = Difference.EXACT_KEYS;

  private VerifyText() {}

  public static String line(TableComparison result) {
    String label =
        switch (result.status()) {
          case EQUAL -> "ok  ";
          case SKIPPED -> "skip";
          case DIFFERENT, MISSING_IN_TARGET, MISSING_IN_SOURCE -> "DIFF";
        };
    List<String> parts = new ArrayList<>();
    parts.add(rows(result));
    parts.addAll(differences(result));
    parts.addAll(result.problems());
    result
        .notes()
        .forEach(note -> parts.add(result.status() == Status.SKIPPED ? note : "note: " + note));
    parts.removeIf(String::isEmpty);
    return label + "  " + result.table() + "  " + String.join("; ", parts);
  }

  static String summary(Tally tally) {
    return String.format(
        Locale.ROOT,
        "%s: %,d table%s, %,d equal, %,d different, %,d skipped",
        tally.different() == 0 ? "equal" : "DIFFERENT",
        tally.tables(),
        tally.tables() == 1 ? "" : "s",
        tally.equal(),
        tally.different(),
        tally.skipped());
  }

  private static String rows(TableComparison result) {
    return switch (result.status()) {
      case EQUAL -> number(result.sourceRows()) + " rows";
      case SKIPPED -> "";
      case MISSING_IN_TARGET -> "source " + number(result.sourceRows()) + " rows";
      case MISSING_IN_SOURCE -> "target " + number(result.targetRows()) + " rows";
      case DIFFERENT ->
          "source " + number(result.sourceRows()) + " rows, target " + number(result.targetRows());
    };
  }

  /** Per kind: the exact keys as one list, then each run without its keys as a range. */
  private static List<String> differences(TableComparison result) {
    List<String> parts = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      List<Difference> runs = result.differences().stream().filter(d -> d.kind() == kind).toList();
      List<Key> keys =
          runs.stream().filter(Difference::exact).flatMap(d -> d.keys().stream()).toList();
      if (!keys.isEmpty()) {
        parts.add(what(kind) + ": " + keys(keys));
      }
      runs.stream().filter(d -> !d.exact()).map(VerifyText::range).forEach(parts::add);
    }
    if (result.moreDifferences() > 0) {
      parts.add("and " + number(result.moreDifferences()) + " more runs of differing rows");
    }
    return parts;
  }

  private static String keys(List<Key> keys) {
    String shown =
        keys.stream().limit(KEYS_SHOWN).map(Key::toString).collect(Collectors.joining(", "));
    return keys.size() <= KEYS_SHOWN
        ? shown
        : shown + " and " + number(keys.size() - KEYS_SHOWN) + " more";
  }

  private static String range(Difference run) {
    String keys = "keys " + run.first() + ".." + run.last() + " ";
    return switch (run.kind()) {
      case MISSING, EXTRA, CHANGED ->
          keys + what(run.kind()) + " (" + number(run.rows()) + " rows)";
      case MIXED ->
          keys
              + "differ, not narrowed down (source "
              + number(run.sourceRows())
              + " rows, target "
              + number(run.targetRows())
              + ")";
    };
  }

  private static String what(Kind kind) {
    return switch (kind) {
      case MISSING -> "missing in target";
      case EXTRA -> "extra in target";
      case CHANGED -> "changed";
      case MIXED -> "differ";
    };
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
