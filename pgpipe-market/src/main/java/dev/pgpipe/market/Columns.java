package dev.pgpipe.market;

import dev.pgpipe.copy.Accessor;
import dev.pgpipe.copy.Table;
import dev.pgpipe.copy.TableBuilder;
import dev.pgpipe.copy.codec.PgType;
import dev.pgpipe.dbn.BidAskPair;
import dev.pgpipe.dbn.ConsolidatedBidAskPair;
import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.DbnRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Defines a market table column by column with DBN's natural PostgreSQL types: timestamps as a
 * nullable timestamptz (microseconds, NULL for UNDEF) plus {@code <name>_ns} int8 (exact), prices
 * as int8 fixed-point (1e-9) remembered for the decimal view, u8/i8/i16 as int2, u16/i32 as int4,
 * u32/u64 as int8 (u64 as its bits), chars as char(1) (NULL for NUL), strings as text. Not
 * thread-safe; used once per table definition.
 */
final class Columns<M extends DbnRecord> {

  private static final PgType INT2 = PgType.parse("int2");
  private static final PgType INT4 = PgType.parse("int4");
  private static final PgType INT8 = PgType.parse("int8");
  private static final String[] ASCII = ascii();

  private final String name;
  private final Class<M> type;
  private final String keyColumn;
  private final ToLongFunction<M> keyTime;
  private final TableBuilder<MarketRow<M>> builder;
  private final List<String> prices = new ArrayList<>();

  private Columns(String name, Class<M> type, String keyColumn, ToLongFunction<M> keyTime) {
    this.name = name;
    this.type = type;
    this.keyColumn = keyColumn;
    this.keyTime = keyTime;
    this.builder = Table.builder("public." + name);
  }

  /**
   * A table of events received at {@code ts_recv}, keyed by it: ts_recv, ts_event, publisher,
   * instrument, symbol, tie, then (unless {@code ownUnderlying}) the looked-up underlying.
   */
  static <M extends DbnRecord> Columns<M> received(
      String name, Class<M> type, ToLongFunction<M> tsRecv, boolean ownUnderlying) {
    Columns<M> columns = new Columns<>(name, type, "ts_recv_ns", tsRecv);
    columns.ts("ts_recv", tsRecv).ts("ts_event", m -> m.hd().tsEvent());
    return columns.identity(ownUnderlying);
  }

  /** A table of bars keyed by their {@code ts_event} (the start of the interval). */
  static <M extends DbnRecord> Columns<M> bars(String name, Class<M> type) {
    Columns<M> columns = new Columns<>(name, type, "ts_event_ns", m -> m.hd().tsEvent());
    columns.ts("ts_event", m -> m.hd().tsEvent());
    return columns.identity(false);
  }

  private Columns<M> identity(boolean ownUnderlying) {
    i4("publisher_id", m -> m.hd().publisherId());
    i8("instrument_id", m -> m.hd().instrumentId());
    builder.column("symbol", "text", MarketRow::symbol);
    if (!ownUnderlying) {
      builder.column("underlying", "text", MarketRow::underlying);
    }
    builder.column("tie", INT4, new Accessor.OfInt<>(MarketRow::tie));
    return this;
  }

  /** A timestamp: {@code name} timestamptz (NULL when UNDEF) and {@code name_ns} int8. */
  Columns<M> ts(String column, ToLongFunction<M> nanos) {
    builder.column(column, "timestamptz", row -> instant(nanos.applyAsLong(row.msg())));
    return i8(column + "_ns", nanos);
  }

  private static @Nullable Instant instant(long nanos) {
    if (nanos == Dbn.UNDEF_TIMESTAMP) {
      return null;
    }
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** A fixed-point price (int8, scale 1e-9), shown as numeric(19,9) by the decimal view. */
  Columns<M> px(String column, ToLongFunction<M> price) {
    prices.add(column);
    return i8(column, price);
  }

  Columns<M> i8(String column, ToLongFunction<M> value) {
    builder.column(column, INT8, new Accessor.OfLong<>(row -> value.applyAsLong(row.msg())));
    return this;
  }

  Columns<M> i4(String column, ToIntFunction<M> value) {
    builder.column(column, INT4, new Accessor.OfInt<>(row -> value.applyAsInt(row.msg())));
    return this;
  }

  Columns<M> i2(String column, ToIntFunction<M> value) {
    builder.column(column, INT2, new Accessor.OfInt<>(row -> value.applyAsInt(row.msg())));
    return this;
  }

  /** A DBN {@code c_char} as char(1); NUL becomes NULL. */
  Columns<M> ch(String column, ToIntFunction<M> value) {
    builder.column(column, "char(1)", row -> character(value.applyAsInt(row.msg())));
    return this;
  }

  static @Nullable String character(int c) {
    if (c == 0) {
      return null;
    }
    return c < ASCII.length ? ASCII[c] : String.valueOf((char) c);
  }

  private static String[] ascii() {
    String[] strings = new String[128];
    for (int c = 0; c < strings.length; c++) {
      strings[c] = String.valueOf((char) c);
    }
    return strings;
  }

  /** A fixed-size DBN string as text; an empty string stays empty. */
  Columns<M> text(String column, Function<M, String> value) {
    builder.column(column, "text", row -> value.apply(row.msg()));
    return this;
  }

  /** {@code count} book levels as {@code bid_px_00, ask_px_00, bid_sz_00, ... ask_ct_09}. */
  Columns<M> levels(int count, Function<M, List<BidAskPair>> levels) {
    for (int i = 0; i < count; i++) {
      int level = i;
      String n = String.format("_%02d", i);
      px("bid_px" + n, m -> levels.apply(m).get(level).bidPx());
      px("ask_px" + n, m -> levels.apply(m).get(level).askPx());
      i8("bid_sz" + n, m -> levels.apply(m).get(level).bidSz());
      i8("ask_sz" + n, m -> levels.apply(m).get(level).askSz());
      i8("bid_ct" + n, m -> levels.apply(m).get(level).bidCt());
      i8("ask_ct" + n, m -> levels.apply(m).get(level).askCt());
    }
    return this;
  }

  /** One consolidated level: {@code bid_px_00, ask_px_00, bid_sz_00, ask_sz_00, bid_pb_00, ...}. */
  Columns<M> consolidated(Function<M, List<ConsolidatedBidAskPair>> levels) {
    px("bid_px_00", m -> levels.apply(m).get(0).bidPx());
    px("ask_px_00", m -> levels.apply(m).get(0).askPx());
    i8("bid_sz_00", m -> levels.apply(m).get(0).bidSz());
    i8("ask_sz_00", m -> levels.apply(m).get(0).askSz());
    i4("bid_pb_00", m -> levels.apply(m).get(0).bidPb());
    return i4("ask_pb_00", m -> levels.apply(m).get(0).askPb());
  }

  /** The table, keyed by (key timestamp ns, instrument_id, publisher_id, tie). */
  MarketTable<M> build() {
    builder.primaryKey(keyColumn, "instrument_id", "publisher_id", "tie");
    return new MarketTable<>(name, type, keyColumn, keyTime, builder.build(), prices);
  }
}
