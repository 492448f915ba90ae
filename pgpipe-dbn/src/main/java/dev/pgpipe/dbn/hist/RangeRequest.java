package dev.pgpipe.dbn.hist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code timeseries.get_range} request (and the metadata calls about it): the form fields of
 * the official clients. {@code start} and {@code end} are what the API takes: ISO 8601 dates or
 * date-times (UTC when no zone) or UNIX nanoseconds; {@code end} null means the API's forward fill.
 *
 * @param dataset e.g. {@code GLBX.MDP3}
 * @param schema e.g. {@code mbo}, {@code mbp-10}
 * @param symbols at least one; {@code ALL_SYMBOLS} for the whole dataset
 * @param start inclusive
 * @param end exclusive, or null
 * @param stypeIn {@code raw_symbol}, {@code instrument_id}, {@code parent} or {@code continuous}
 * @param limit the most records to return; 0 for no limit
 */
public record RangeRequest(
    String dataset,
    String schema,
    List<String> symbols,
    String start,
    @Nullable String end,
    String stypeIn,
    long limit) {

  /** Symbols per request the API takes at most. */
  public static final int MAX_SYMBOLS = 2000;

  /** Checks the fields and copies the list. */
  public RangeRequest {
    symbols = List.copyOf(symbols);
    if (dataset.isBlank() || schema.isBlank() || start.isBlank()) {
      throw new IllegalArgumentException("dataset, schema and start are required");
    }
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("give at least one symbol, or ALL_SYMBOLS");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (0: none): " + limit);
    }
  }

  /** The same request from another start. */
  public RangeRequest from(String newStart) {
    return new RangeRequest(dataset, schema, symbols, newStart, end, stypeIn, limit);
  }

  /** The form of {@code timeseries.get_range}. */
  Map<String, String> rangeForm() {
    Map<String, String> form = metadataForm();
    form.put("stype_out", "instrument_id");
    form.put("encoding", "dbn");
    form.put("compression", "zstd");
    return form;
  }

  /** The form of the metadata calls about this request. */
  Map<String, String> metadataForm() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("dataset", dataset);
    form.put("symbols", String.join(",", symbols));
    form.put("schema", schema);
    form.put("start", start);
    if (end != null) {
      form.put("end", end);
    }
    form.put("stype_in", stypeIn);
    if (limit > 0) {
      form.put("limit", Long.toString(limit));
    }
    return form;
  }

  /**
   * This request cut into requests the API takes, to be loaded in order: at most {@link
   * #MAX_SYMBOLS} symbols each, and when {@code end} is given, at most {@code spanNs} of time each
   * (times sent as nanoseconds). A limit stays on every part.
   */
  public List<RangeRequest> split(long spanNs) {
    if (spanNs <= 0) {
      throw new IllegalArgumentException("span must be > 0 ns: " + spanNs);
    }
    List<RangeRequest> parts = new ArrayList<>();
    List<String[]> times = new ArrayList<>();
    if (end == null) {
      times.add(new String[] {start, null});
    } else {
      long from = TimeText.nanos(start);
      long to = TimeText.nanos(end);
      for (long t = from; t < to; t = t + Math.min(spanNs, to - t)) {
        times.add(new String[] {Long.toString(t), Long.toString(t + Math.min(spanNs, to - t))});
      }
    }
    for (String[] time : times) {
      for (int i = 0; i < symbols.size(); i += MAX_SYMBOLS) {
        List<String> some = symbols.subList(i, Math.min(symbols.size(), i + MAX_SYMBOLS));
        parts.add(new RangeRequest(dataset, schema, some, time[0], time[1], stypeIn, limit));
      }
    }
    return parts;
  }
}
