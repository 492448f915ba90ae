package dev.pgpipe.dbn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the metadata header. Offsets are absolute from the start of the stream:
 *
 * <pre>
 * off  size  v1                              v2 / v3
 *   0     3  "DBN"                           same
 *   3     1  version                         same
 *   4     4  u32 L = bytes after offset 8    same (v3 pads L to a multiple of 8)
 *   8    16  dataset, NUL-padded             same
 *  24     2  u16 schema (0xFFFF mixed)       same
 *  26     8  u64 start                       same
 *  34     8  u64 end                         same
 *  42     8  u64 limit                       same
 *  50     8  u64 record_count (deprecated)   @50 u8 stype_in, @51 u8 stype_out, @52 u8 ts_out,
 *  58     3  stype_in, stype_out, ts_out     @53 u16 symbol_cstr_len
 * ...        reserved zeros up to 108        same
 * 108     4  u32 schema_definition_length (must be 0)
 * 112        symbols, partial, not_found: each u32 count + count × cstr[S]
 *            mappings: u32 count; each raw_symbol cstr[S], u32 n, n × {u32 start YYYYMMDD,
 *            u32 end YYYYMMDD, cstr[S] symbol}          (S = 22 in v1, symbol_cstr_len after)
 * </pre>
 */
final class MetadataCodec {
  /** Bytes of metadata after offset 8 that every version has before the variable part. */
  static final int FIXED_LEN = 100;

  private MetadataCodec() {}

  /** The version 1 prefix is 8 bytes; L follows at offset 4. */
  static Metadata decode(ByteBuffer buf, int pos, int length) {
    Cursor in = new Cursor(buf, pos, pos + 8 + length);
    int version = buf.get(pos + 3) & 0xFF;
    if (length < FIXED_LEN + 4 + 16) {
      throw in.bad(pos + 4, "metadata length " + length + " is shorter than the fixed header");
    }
    String dataset = FieldCodec.cString(buf, pos + 8, 16);
    int schemaCode = buf.getShort(pos + 24) & 0xFFFF;
    long start = buf.getLong(pos + 26);
    long end = buf.getLong(pos + 34);
    long limit = buf.getLong(pos + 42);
    int at = version == 1 ? pos + 58 : pos + 50;
    long recordCount = version == 1 ? buf.getLong(pos + 50) : Dbn.UNDEF_TIMESTAMP;
    int symbolLen = version == 1 ? Dbn.SYMBOL_CSTR_LEN_V1 : buf.getShort(pos + 53) & 0xFFFF;
    if (symbolLen == 0) {
      throw in.bad(pos + 53, "symbol_cstr_len is 0");
    }
    in.at(pos + 108);
    checkNoSchemaDefinition(pos, in.u32());
    List<String> symbols = in.symbols(symbolLen);
    List<String> partial = in.symbols(symbolLen);
    List<String> notFound = in.symbols(symbolLen);
    List<SymbolMapping> mappings = in.mappings(symbolLen);
    return new Metadata(
        version,
        dataset,
        schema(in, pos, schemaCode),
        start,
        end,
        limit,
        recordCount,
        stype(in, at, buf.get(at) & 0xFF),
        stype(in, at + 1, buf.get(at + 1) & 0xFF),
        bool(in, at + 2, buf.get(at + 2)),
        symbolLen,
        symbols,
        partial,
        notFound,
        mappings);
  }

  private static void checkNoSchemaDefinition(int pos, long schemaDefinition) {
    if (schemaDefinition != 0) {
      throw new DbnException(
          DbnException.Code.UNSUPPORTED_VERSION,
          pos + 108L,
          "metadata carries a schema definition ("
              + schemaDefinition
              + " bytes), which DBN"
              + " readers do not support; re-export the file without it");
    }
  }

  private static @Nullable Schema schema(Cursor in, int pos, int code) {
    if (code == Schema.NONE) {
      return null;
    }
    return Schema.ofCode(code).orElseThrow(() -> in.bad(pos + 24, "unknown schema code " + code));
  }

  private static @Nullable SType stype(Cursor in, int at, int code) {
    if (code == SType.NONE) {
      return null;
    }
    return SType.ofCode(code).orElseThrow(() -> in.bad(at, "unknown symbology type " + code));
  }

  private static boolean bool(Cursor in, int at, byte value) {
    if (value != 0 && value != 1) {
      throw in.bad(at, "ts_out must be 0 or 1, found " + value);
    }
    return value == 1;
  }

  /** A bounds-checked reader over the metadata bytes; counts are checked before allocating. */
  private static final class Cursor {
    private final ByteBuffer buf;
    private final int origin;
    private final int end;
    private int pos;

    Cursor(ByteBuffer buf, int origin, int end) {
      this.buf = buf;
      this.origin = origin;
      this.end = end;
    }

    void at(int position) {
      pos = position;
    }

    DbnException bad(int position, String what) {
      return new DbnException(
          DbnException.Code.BAD_METADATA,
          position - origin,
          what + "; the metadata header is corrupt, re-download or re-export the file");
    }

    private void need(long bytes, String what) {
      if (bytes > end - pos) {
        throw bad(
            pos,
            what
                + " needs "
                + bytes
                + " bytes but the metadata ends "
                + (end - pos)
                + " bytes later");
      }
    }

    long u32() {
      need(4, "a count");
      long value = buf.getInt(pos) & 0xFFFF_FFFFL;
      pos += 4;
      return value;
    }

    String cstr(int len) {
      need(len, "a symbol");
      String value = FieldCodec.cString(buf, pos, len);
      pos += len;
      return value;
    }

    List<String> symbols(int len) {
      long count = u32();
      need(count * len, count + " symbols");
      List<String> out = new ArrayList<>((int) count);
      for (long i = 0; i < count; i++) {
        out.add(cstr(len));
      }
      return out;
    }

    List<SymbolMapping> mappings(int len) {
      long count = u32();
      need(count * (len + 4L), count + " symbol mappings");
      List<SymbolMapping> out = new ArrayList<>((int) count);
      for (long i = 0; i < count; i++) {
        String raw = cstr(len);
        long intervals = u32();
        need(intervals * (len + 8L), intervals + " mapping intervals");
        List<MappingInterval> list = new ArrayList<>((int) intervals);
        for (long j = 0; j < intervals; j++) {
          LocalDate startDate = date();
          LocalDate endDate = date();
          list.add(new MappingInterval(startDate, endDate, cstr(len)));
        }
        out.add(new SymbolMapping(raw, list));
      }
      return out;
    }

    private LocalDate date() {
      int at = pos;
      long yyyymmdd = u32();
      try {
        return LocalDate.of(
            (int) (yyyymmdd / 10000), (int) (yyyymmdd / 100 % 100), (int) (yyyymmdd % 100));
      } catch (DateTimeException e) {
        throw bad(at, "mapping date " + yyyymmdd + " is not a YYYYMMDD date");
      }
    }
  }

  /** Encodes metadata, the 8-byte prefix included; version 3 pads to a multiple of 8. */
  static byte[] encode(Metadata md) {
    int s = md.symbolCstrLen();
    long size =
        8L
            + FIXED_LEN
            + 4
            + 16
            + (long) s * (md.symbols().size() + md.partial().size() + md.notFound().size());
    for (SymbolMapping mapping : md.mappings()) {
      size += s + 4 + (long) mapping.intervals().size() * (8 + s);
    }
    if (md.version() >= 3) {
      size = (size + 7) & ~7L;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("metadata too large: " + size + " bytes");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    writeFixed(md, out, (int) size - 8);
    out.position(112);
    putSymbols(out, md.symbols(), s);
    putSymbols(out, md.partial(), s);
    putSymbols(out, md.notFound(), s);
    out.putInt(md.mappings().size());
    for (SymbolMapping mapping : md.mappings()) {
      putCstr(out, mapping.rawSymbol(), s);
      out.putInt(mapping.intervals().size());
      for (MappingInterval interval : mapping.intervals()) {
        out.putInt(yyyymmdd(interval.startDate())).putInt(yyyymmdd(interval.endDate()));
        putCstr(out, interval.symbol(), s);
      }
    }
    return out.array();
  }

  private static void writeFixed(Metadata md, ByteBuffer out, int length) {
    out.put(0, (byte) 'D').put(1, (byte) 'B').put(2, (byte) 'N').put(3, (byte) md.version());
    out.putInt(4, length);
    out.position(8);
    putCstr(out, md.dataset(), 16);
    Schema schema = md.schema();
    out.putShort(24, (short) (schema == null ? Schema.NONE : schema.code()));
    out.putLong(26, md.start()).putLong(34, md.end()).putLong(42, md.limit());
    int at = 50;
    if (md.version() == 1) {
      out.putLong(50, md.recordCount());
      at = 58;
    } else {
      out.putShort(53, (short) md.symbolCstrLen());
    }
    SType in = md.stypeIn();
    SType outType = md.stypeOut();
    out.put(at, (byte) (in == null ? SType.NONE : in.code()));
    out.put(at + 1, (byte) (outType == null ? SType.NONE : outType.code()));
    out.put(at + 2, (byte) (md.tsOut() ? 1 : 0));
    out.putInt(108, 0);
  }

  private static void putSymbols(ByteBuffer out, List<String> symbols, int len) {
    out.putInt(symbols.size());
    for (String symbol : symbols) {
      putCstr(out, symbol, len);
    }
  }

  private static void putCstr(ByteBuffer out, String value, int len) {
    if (value.length() > len) {
      throw new IllegalArgumentException(
          "\"" + value + "\" is longer than the " + len + "-byte symbol field");
    }
    for (int i = 0; i < len; i++) {
      char c = i < value.length() ? value.charAt(i) : 0;
      if (c > 0xFF) {
        throw new IllegalArgumentException("\"" + value + "\" is not ISO-8859-1 text");
      }
      out.put((byte) c);
    }
  }

  private static int yyyymmdd(LocalDate date) {
    return date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
  }
}
