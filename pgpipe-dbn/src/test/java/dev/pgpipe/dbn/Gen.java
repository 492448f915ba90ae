package dev.pgpipe.dbn;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data written by our own encoder: seeded random records of every layout and version. */
final class Gen {
  private Gen() {}

  /** Layouts a stream of {@code version} may carry. */
  static List<Layout> layoutsOf(int version) {
    List<Layout> out = new ArrayList<>();
    for (Layout layout : Layouts.all()) {
      int rtype = rtypeOf(layout);
      if (Layouts.forRType(rtype, version) == layout) {
        out.add(layout);
      }
    }
    return out;
  }

  static int rtypeOf(Layout layout) {
    for (int rtype = 0; rtype < 256; rtype++) {
      for (int v = 1; v <= 3; v++) {
        if (Layouts.forRType(rtype, v) == layout) {
          return rtype;
        }
      }
    }
    throw new IllegalArgumentException(layout.toString());
  }

  /** A record with random field values (strings of printable ASCII, reserved bytes zero). */
  static DbnRecord record(Layout layout, Random random) {
    ByteBuffer buf = ByteBuffer.allocate(layout.size()).order(ByteOrder.LITTLE_ENDIAN);
    random.nextBytes(buf.array());
    buf.put(0, (byte) (layout.size() / 4)).put(1, (byte) rtypeOf(layout));
    for (Field field : layout.fields()) {
      if (field.type() == FieldType.CSTRING || field.type() == FieldType.RESERVED) {
        int length = field.type() == FieldType.RESERVED ? 0 : random.nextInt(field.size() + 1);
        for (int i = 0; i < field.size(); i++) {
          byte b = i < length ? (byte) (' ' + 1 + random.nextInt(94)) : 0;
          buf.put(field.offset() + i, b);
        }
      }
    }
    return RecordCodec.decode(layout, buf, 0);
  }

  /** A stream of {@code count} random records of every layout the version has. */
  static List<DbnRecord> records(int version, boolean tsOut, int count, long seed) {
    Random random = new Random(seed);
    List<Layout> layouts = layoutsOf(version);
    List<DbnRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DbnRecord r = record(layouts.get(i % layouts.size()), random);
      out.add(tsOut ? new WithTsOut(r, random.nextLong()) : r);
    }
    return out;
  }

  static Metadata metadata(int version, boolean tsOut) {
    return Metadata.of("TEST.GEN", null, 1_600_000_000_000_000_000L, Dbn.UNDEF_TIMESTAMP)
        .withVersion(version)
        .withTsOut(tsOut);
  }

  static byte[] encode(Metadata md, List<DbnRecord> records, DbnEncoder.Compression compression) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder = DbnEncoder.of(out, md, compression)) {
      records.forEach(encoder::write);
    }
    return out.toByteArray();
  }

  static List<DbnRecord> decode(byte[] data, DecodeOptions options) {
    try (DbnDecoder decoder = DbnDecoder.of(data, options)) {
      return decoder.readAll();
    }
  }

  /** An input stream that returns one byte per read call. */
  static InputStream oneByteAtATime(byte[] data) {
    return new InputStream() {
      private int pos;

      @Override
      public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
  }
}
