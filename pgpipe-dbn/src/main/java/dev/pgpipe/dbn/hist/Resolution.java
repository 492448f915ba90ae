package dev.pgpipe.dbn.hist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code symbology.resolve}.
 *
 * @param result per input symbol, the output symbol over each date interval
 * @param partial symbols resolved for only part of the range
 * @param notFound symbols not resolved
 */
public record Resolution(
    Map<String, List<Interval>> result, List<String> partial, List<String> notFound) {

  /** Copies the collections. */
  public Resolution {
    result = Map.copyOf(result);
    partial = List.copyOf(partial);
    notFound = List.copyOf(notFound);
  }

  /**
   * One interval of a mapping.
   *
   * @param startDate {@code d0}, inclusive, YYYY-MM-DD
   * @param endDate {@code d1}, exclusive
   * @param symbol {@code s}, the output symbol
   */
  public record Interval(String startDate, String endDate, String symbol) {}

  static Resolution of(Object json) {
    Map<String, List<Interval>> result = new LinkedHashMap<>();
    if (Json.member(json, "result") instanceof Map<?, ?> map) {
      map.forEach(
          (symbol, intervals) -> {
            List<Interval> list = new ArrayList<>();
            if (intervals instanceof List<?> items) {
              for (Object item : items) {
                list.add(
                    new Interval(
                        String.valueOf(Json.member(item, "d0")),
                        String.valueOf(Json.member(item, "d1")),
                        String.valueOf(Json.member(item, "s"))));
              }
            }
            result.put(String.valueOf(symbol), list);
          });
    }
    return new Resolution(result, strings(json, "partial"), strings(json, "not_found"));
  }

  private static List<String> strings(Object json, String name) {
    List<String> out = new ArrayList<>();
    if (Json.member(json, name) instanceof List<?> items) {
      items.forEach(item -> out.add(String.valueOf(item)));
    }
    return out;
  }
}
