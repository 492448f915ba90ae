package dev.pgpipe.dbn.json;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.MappingInterval;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMapping;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Metadata as one JSON object with the field names of the DBN spec, as {@code dbn --metadata
 * --json} prints it: {@code version, dataset, schema, start, end, limit, stype_in, stype_out,
 * ts_out, symbol_cstr_len, symbols, partial, not_found, mappings}. 64-bit numbers are strings; a
 * mixed schema, a missing end, a zero limit and an unset symbology are null; mappings are {@code
 * [{"raw_symbol": ..., "intervals": [{"start_date": "2020-12-28", "end_date": ..., "symbol":
 * ...}]}]}. Version 1's deprecated record count is not printed.
 */
public final class MetadataJson {
  private MetadataJson() {}

  /** The metadata as a single-line JSON object, without a trailing newline. */
  public static String toJson(Metadata md) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"version\":").append(md.version()).append(",\"dataset\":");
    TextFormat.jsonString(out, md.dataset());
    Schema schema = md.schema();
    out.append(",\"schema\":").append(schema == null ? "null" : quoted(schema.text()));
    out.append(",\"start\":\"").append(Long.toUnsignedString(md.start())).append('"');
    out.append(",\"end\":")
        .append(md.end() == Dbn.UNDEF_TIMESTAMP ? "null" : quoted(Long.toUnsignedString(md.end())));
    out.append(",\"limit\":")
        .append(md.limit() == 0 ? "null" : quoted(Long.toUnsignedString(md.limit())));
    out.append(",\"stype_in\":").append(stype(md.stypeIn()));
    out.append(",\"stype_out\":").append(stype(md.stypeOut()));
    out.append(",\"ts_out\":").append(md.tsOut());
    out.append(",\"symbol_cstr_len\":").append(md.symbolCstrLen());
    strings(out.append(",\"symbols\":"), md.symbols());
    strings(out.append(",\"partial\":"), md.partial());
    strings(out.append(",\"not_found\":"), md.notFound());
    out.append(",\"mappings\":[");
    for (int i = 0; i < md.mappings().size(); i++) {
      mapping(out.append(i == 0 ? "" : ","), md.mappings().get(i));
    }
    return out.append("]}").toString();
  }

  private static void mapping(StringBuilder out, SymbolMapping mapping) {
    out.append("{\"raw_symbol\":");
    TextFormat.jsonString(out, mapping.rawSymbol());
    out.append(",\"intervals\":[");
    for (int i = 0; i < mapping.intervals().size(); i++) {
      MappingInterval interval = mapping.intervals().get(i);
      out.append(i == 0 ? "{" : ",{")
          .append("\"start_date\":")
          .append(quoted(interval.startDate()));
      out.append(",\"end_date\":").append(quoted(interval.endDate())).append(",\"symbol\":");
      TextFormat.jsonString(out, interval.symbol());
      out.append('}');
    }
    out.append("]}");
  }

  private static String stype(@Nullable SType stype) {
    return stype == null ? "null" : quoted(stype.text());
  }

  private static String quoted(Object text) {
    StringBuilder out = new StringBuilder();
    TextFormat.jsonString(out, text.toString());
    return out.toString();
  }

  private static void strings(StringBuilder out, List<String> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      TextFormat.jsonString(out, values.get(i));
    }
    out.append(']');
  }
}
