package dev.pgpipe.cli.killed;

import dev.pgpipe.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads the workload's tables row by row, for comparing a target with its source. */
final class TableRows {

  private TableRows() {}

  /** Every row of {@code table} as text, in key order. */
  static List<String> of(TestDatabase db, String table) {
    return db.strings("SELECT t::text FROM " + table + " t ORDER BY id");
  }

  /** Count and hash of every workload table: equal on both sides when the rows are. */
  static List<String> checksums(TestDatabase db) {
    List<String> sums = new ArrayList<>();
    for (String table : SplitWorkload.TABLES) {
      sums.addAll(
          db.strings(
              "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::int8), 0) FROM "
                  + table
                  + " t"));
    }
    return sums;
  }

  static long deadLetters(TestDatabase target) {
    return exists(target, "pgpipe.sink_dead_letters")
        ? Long.parseLong(target.strings("SELECT count(*) FROM pgpipe.sink_dead_letters").get(0))
        : 0;
  }

  static boolean exists(TestDatabase db, String table) {
    return db.strings("SELECT to_regclass('" + table + "') IS NOT NULL").get(0).equals("t");
  }

  /** The rows only in the source and only in the target, the first 20 of each. */
  static String difference(TestDatabase source, TestDatabase target, String table) {
    Set<String> left = new TreeSet<>(of(source, table));
    Set<String> right = new TreeSet<>(of(target, table));
    Set<String> onlyLeft = new TreeSet<>(left);
    onlyLeft.removeAll(right);
    right.removeAll(left);
    return "only in source "
        + onlyLeft.size()
        + " "
        + onlyLeft.stream().limit(20).toList()
        + ", only in target "
        + right.size()
        + " "
        + right.stream().limit(20).toList();
  }
}
