package dev.pgpipe.dbn;

import java.util.List;

/** Argument checks shared by the record constructors; each failure names the offending value. */
final class Checks {
  private Checks() {}

  static void rtype(RecordHeader hd, String type, int... allowed) {
    for (int rtype : allowed) {
      if (hd.rtype() == rtype) {
        return;
      }
    }
    throw new IllegalArgumentException(
        type
            + " cannot carry rtype "
            + RType.describe(hd.rtype())
            + "; allowed: "
            + names(allowed));
  }

  static <T> List<T> levels(List<T> levels, int count) {
    List<T> copy = List.copyOf(levels);
    if (copy.size() != count) {
      throw new IllegalArgumentException(
          "expected " + count + " book level(s), got " + copy.size());
    }
    return copy;
  }

  private static String names(int... rtypes) {
    StringBuilder out = new StringBuilder();
    for (int rtype : rtypes) {
      out.append(out.length() == 0 ? "" : ", ").append(RType.describe(rtype));
    }
    return out.toString();
  }
}
