package dev.pgpipe.cdc;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which events to deliver: tables by include and exclude globs, and operations.
 *
 * <p>A glob with a dot matches {@code schema.table}, one without matches the table name in any
 * schema; {@code *} matches any run of characters, {@code ?} one. A table passes when it matches an
 * include glob (or there are none) and no exclude glob. Messages pass when {@link
 * Operation#MESSAGE} is among the operations. Immutable.
 */
public record EventFilter(List<String> include, List<String> exclude, Set<Operation> operations) {

  public EventFilter {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    operations = Set.copyOf(operations);
  }

  /** Every table, every operation. */
  public static EventFilter all() {
    return new EventFilter(List.of(), List.of(), EnumSet.allOf(Operation.class));
  }

  public EventFilter withOperations(Set<Operation> allowed) {
    EnumSet<Operation> set = EnumSet.copyOf(allowed);
    set.add(Operation.SNAPSHOT);
    return new EventFilter(include, exclude, set);
  }

  public boolean accepts(Operation operation) {
    return operations.contains(operation);
  }

  public boolean accepts(String schema, String table) {
    boolean included =
        include.isEmpty() || include.stream().anyMatch(glob -> matches(glob, schema, table));
    return included && exclude.stream().noneMatch(glob -> matches(glob, schema, table));
  }

  private static boolean matches(String glob, String schema, String table) {
    String subject = glob.contains(".") ? schema + "." + table : table;
    return Pattern.matches(regex(glob), subject);
  }

  private static String regex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
