package dev.pgpipe.dbn.json;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.Field;
import dev.pgpipe.dbn.FieldType;
import dev.pgpipe.dbn.Layout;
import dev.pgpipe.dbn.RecordRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** CSV with a header row per layout; see {@link RecordWriter}. */
final class CsvRecordWriter implements RecordWriter {
  private static final String[] LEVEL_FIELDS = {"bid_px", "ask_px", "bid_sz", "ask_sz"};

  private final Appendable out;
  private final TextOptions options;
  private final StringBuilder line = new StringBuilder(512);
  private final Map<Layout, List<Field>> orders = new IdentityHashMap<>();
  private @Nullable Layout headerLayout;

  CsvRecordWriter(Appendable out, TextOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void write(RecordRef record, @Nullable String symbol) {
    Layout layout = record.layout();
    if (layout == null) {
      return;
    }
    List<Field> fields = orders.computeIfAbsent(layout, ToolOrder::of);
    line.setLength(0);
    if (layout != headerLayout) {
      header(fields, record.hasTsOut());
      headerLayout = layout;
    }
    for (Field field : fields) {
      if (field == ToolOrder.HEADER) {
        hd(record);
      } else {
        value(record, field);
      }
    }
    if (record.hasTsOut()) {
      integer(FieldType.TIMESTAMP, record.tsOut());
    }
    if (options.mapSymbols()) {
      TextFormat.csvString(line, symbol == null ? "" : symbol);
      line.append(',');
    }
    line.setCharAt(line.length() - 1, '\n');
    try {
      out.append(line);
    } catch (IOException e) {
      throw new UncheckedIOException("writing CSV failed", e);
    }
  }

  private void header(List<Field> fields, boolean tsOut) {
    for (Field field : fields) {
      if (field == ToolOrder.HEADER) {
        line.append("ts_event,rtype,publisher_id,instrument_id,");
      } else if (field.type() == FieldType.LEVELS
          || field.type() == FieldType.CONSOLIDATED_LEVELS) {
        levelNames(field);
      } else {
        line.append(field.name()).append(',');
      }
    }
    line.append(tsOut ? "ts_out," : "").append(options.mapSymbols() ? "symbol," : "");
    line.setCharAt(line.length() - 1, '\n');
  }

  private void levelNames(Field field) {
    String[] counts =
        field.type() == FieldType.LEVELS
            ? new String[] {"bid_ct", "ask_ct"}
            : new String[] {"bid_pb", "ask_pb"};
    for (int i = 0; i < field.levelCount(); i++) {
      String suffix = String.format("_%02d,", i);
      for (String name : LEVEL_FIELDS) {
        line.append(name).append(suffix);
      }
      line.append(counts[0]).append(suffix).append(counts[1]).append(suffix);
    }
  }

  private void hd(RecordRef record) {
    integer(FieldType.TIMESTAMP, record.tsEvent());
    line.append(record.rtype()).append(',').append(record.publisherId()).append(',');
    line.append(record.instrumentId()).append(',');
  }

  private void value(RecordRef record, Field field) {
    switch (field.type()) {
      case CHAR -> {
        long value = record.integer(field);
        if (value != 0) {
          StringBuilder text = new StringBuilder(4);
          TextFormat.escapedChar(text, (int) value);
          TextFormat.csvString(line, text);
        }
        line.append(',');
      }
      case CSTRING -> {
        TextFormat.csvString(line, record.cString(field.offset(), field.size()));
        line.append(',');
      }
      case LEVELS, CONSOLIDATED_LEVELS -> levels(record, field);
      default -> integer(field.type(), record.integer(field));
    }
  }

  private void integer(FieldType type, long value) {
    if (type == FieldType.PRICE && options.prettyPx()) {
      if (value != Dbn.UNDEF_PRICE) {
        TextFormat.price(line, value);
      }
    } else if (type == FieldType.TIMESTAMP && options.prettyTs()) {
      if (value != Dbn.UNDEF_TIMESTAMP && value != 0) {
        TextFormat.timestamp(line, value);
      }
    } else {
      line.append(TextFormat.integerText(type, value));
    }
    line.append(',');
  }

  private void levels(RecordRef record, Field field) {
    for (int i = 0; i < field.levelCount(); i++) {
      int at = field.offset() + 32 * i;
      integer(FieldType.PRICE, record.i64(at));
      integer(FieldType.PRICE, record.i64(at + 8));
      line.append(record.u32(at + 16)).append(',').append(record.u32(at + 20)).append(',');
      if (field.type() == FieldType.LEVELS) {
        line.append(record.u32(at + 24)).append(',').append(record.u32(at + 28)).append(',');
      } else {
        line.append(record.u16(at + 24)).append(',').append(record.u16(at + 28)).append(',');
      }
    }
  }
}
