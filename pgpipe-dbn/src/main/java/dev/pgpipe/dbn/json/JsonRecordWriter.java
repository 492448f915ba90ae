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

/** JSON lines; see {@link RecordWriter}. */
final class JsonRecordWriter implements RecordWriter {
  private static final String[] BID_ASK = {"bid_px", "ask_px", "bid_sz", "ask_sz"};

  private final Appendable out;
  private final TextOptions options;
  private final StringBuilder line = new StringBuilder(512);
  private final Map<Layout, List<Field>> orders = new IdentityHashMap<>();

  JsonRecordWriter(Appendable out, TextOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void write(RecordRef record, @Nullable String symbol) {
    Layout layout = record.layout();
    if (layout == null) {
      return;
    }
    line.setLength(0);
    line.append('{');
    for (Field field : orders.computeIfAbsent(layout, ToolOrder::of)) {
      if (field == ToolOrder.HEADER) {
        header(record);
        continue;
      }
      line.append('"').append(field.name()).append("\":");
      value(record, layout, field);
      line.append(',');
    }
    if (record.hasTsOut()) {
      line.append("\"ts_out\":");
      integer(FieldType.TIMESTAMP, record.tsOut());
      line.append(',');
    }
    symbol(symbol);
    line.setCharAt(line.length() - 1, '}');
    line.append('\n');
    try {
      out.append(line);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON failed", e);
    }
  }

  private void symbol(@Nullable String symbol) {
    if (options.mapSymbols()) {
      line.append("\"symbol\":");
      if (symbol == null) {
        line.append("null");
      } else {
        TextFormat.jsonString(line, symbol);
      }
      line.append(',');
    }
  }

  private void header(RecordRef record) {
    line.append("\"hd\":{\"ts_event\":");
    integer(FieldType.TIMESTAMP, record.tsEvent());
    line.append(",\"rtype\":").append(record.rtype());
    line.append(",\"publisher_id\":").append(record.publisherId());
    line.append(",\"instrument_id\":").append(record.instrumentId()).append("},");
  }

  private void value(RecordRef record, Layout layout, Field field) {
    switch (field.type()) {
      case CHAR -> character(record.integer(field), ToolOrder.nulIsNull(layout, field));
      case CSTRING -> TextFormat.jsonString(line, record.cString(field.offset(), field.size()));
      case LEVELS, CONSOLIDATED_LEVELS -> levels(record, field);
      default -> integer(field.type(), record.integer(field));
    }
  }

  /** A {@code c_char}: NUL as null, else escaped as Rust's {@code ascii::escape_default} does. */
  private void character(long value, boolean nulIsNull) {
    if (value == 0 && nulIsNull) {
      line.append("null");
    } else if (value == 0) {
      TextFormat.jsonString(line, "\u0000");
    } else {
      line.append('"');
      TextFormat.escapedChar(line, (int) value);
      line.append('"');
    }
  }

  private void integer(FieldType type, long value) {
    if (!type.is64Bit()) {
      line.append(value);
    } else if (type == FieldType.PRICE && options.prettyPx()) {
      if (value == Dbn.UNDEF_PRICE) {
        line.append("null");
      } else {
        line.append('"');
        TextFormat.price(line, value);
        line.append('"');
      }
    } else if (type == FieldType.TIMESTAMP && options.prettyTs()) {
      if (value == Dbn.UNDEF_TIMESTAMP || value == 0) {
        line.append("null");
      } else {
        line.append('"');
        TextFormat.timestamp(line, value);
        line.append('"');
      }
    } else {
      line.append('"').append(TextFormat.integerText(type, value)).append('"');
    }
  }

  private void levels(RecordRef record, Field field) {
    boolean consolidated = field.type() == FieldType.CONSOLIDATED_LEVELS;
    line.append('[');
    for (int i = 0; i < field.levelCount(); i++) {
      int at = field.offset() + 32 * i;
      line.append(i == 0 ? "{" : ",{");
      for (int k = 0; k < 4; k++) {
        line.append('"').append(BID_ASK[k]).append("\":");
        if (k < 2) {
          integer(FieldType.PRICE, record.i64(at + 8 * k));
        } else {
          line.append(record.u32(at + 16 + 4 * (k - 2)));
        }
        line.append(',');
      }
      if (consolidated) {
        line.append("\"bid_pb\":").append(record.u16(at + 24));
        line.append(",\"ask_pb\":").append(record.u16(at + 28)).append('}');
      } else {
        line.append("\"bid_ct\":").append(record.u32(at + 24));
        line.append(",\"ask_ct\":").append(record.u32(at + 28)).append('}');
      }
    }
    line.append(']');
  }
}
