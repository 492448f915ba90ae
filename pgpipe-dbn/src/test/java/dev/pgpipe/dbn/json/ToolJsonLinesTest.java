package dev.pgpipe.dbn.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.Field;
import dev.pgpipe.dbn.FieldType;
import dev.pgpipe.dbn.Layout;
import dev.pgpipe.dbn.Layouts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins, for one synthetic record of every rtype (DBN v3), the exact JSON line Databento's {@code
 * dbn} tool prints for it. The expected lines ({@code tool-json-lines.txt}) were derived outside
 * this code base from the tool's documented serialization: struct fields in declaration order with
 * encode-order moves, {@code c_char} NUL as null and other bytes through {@code
 * ascii::escape_default}, 64-bit integers as strings, reserved fields left out. Every field of the
 * record takes a value from its type and its index {@code k} among the non-reserved fields, the
 * same rule the derivation used. A second test sets every {@code c_char} of the same records to
 * NUL, which the tool writes as {@code null}.
 */
class ToolJsonLinesTest {

  private static final int[] CHARS = {'B', 0, '\'', 0xE9};

  static Stream<String> lines() throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            ToolJsonLinesTest.class.getResourceAsStream("tool-json-lines.txt"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void writesTheDbnToolsExactLine_forEveryRType(String pinned) {
    int rtype = Integer.decode(pinned.substring(0, pinned.indexOf(' ')));
    String expected = pinned.substring(pinned.indexOf(' ') + 1);
    Layout layout = Objects.requireNonNull(Layouts.forRType(rtype, 3));
    assertThat(json(record(layout, rtype))).isEqualTo(expected + "\n");
  }

  /**
   * The same record with every {@code c_char} NUL: the tool writes each of them as {@code null}, so
   * the line is the pinned one with each character member's value replaced by {@code null}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void writesEveryNulCharAsNull_asTheDbnToolDoes(String pinned) {
    int rtype = Integer.decode(pinned.substring(0, pinned.indexOf(' ')));
    Layout layout = Objects.requireNonNull(Layouts.forRType(rtype, 3));
    String expected = pinned.substring(pinned.indexOf(' ') + 1);
    for (Field field : layout.fields()) {
      if (field.type() == FieldType.CHAR) {
        expected =
            expected.replaceFirst(
                "\"" + field.name() + "\":(null|\"(\\\\.|[^\"\\\\])*\")",
                "\"" + field.name() + "\":null");
      }
    }
    byte[] record = record(layout, rtype);
    layout.fields().stream()
        .filter(field -> field.type() == FieldType.CHAR)
        .forEach(field -> record[field.offset()] = 0);

    assertThat(json(record)).isEqualTo(expected + "\n");
  }

  private static String json(byte[] record) {
    StringBuilder out = new StringBuilder();
    try (DbnDecoder decoder = DbnDecoder.of(record, DecodeOptions.defaults().withFragment(3))) {
      RecordWriter writer = RecordWriter.json(out, TextOptions.raw());
      while (decoder.next()) {
        writer.write(decoder.record());
      }
    }
    return out.toString();
  }

  private static byte[] record(Layout layout, int rtype) {
    ByteBuffer buf = ByteBuffer.allocate(layout.size()).order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) (layout.size() / 4)).put((byte) rtype).putShort((short) 1).putInt(5482);
    buf.putLong(1_609_160_400_000_000_001L);
    int k = 0;
    for (Field field : layout.fields()) {
      if (field.type() != FieldType.RESERVED) {
        put(buf, field, k++);
      }
    }
    return buf.array();
  }

  private static void put(ByteBuffer buf, Field field, int k) {
    int at = field.offset();
    switch (field.type()) {
      case U8, I8 -> buf.put(at, (byte) (field.type() == FieldType.U8 ? k + 1 : -(k + 1)));
      case U16 -> buf.putShort(at, (short) (1000 + k));
      case I16 -> buf.putShort(at, (short) -(1000 + k));
      case U32 -> buf.putInt(at, (int) (4_000_000_000L + k));
      case I32 -> buf.putInt(at, -(100_000 + k));
      case U64, TIMESTAMP -> buf.putLong(at, 1_609_160_400_000_000_000L + k);
      case I64, PRICE -> buf.putLong(at, (k % 2 == 1 ? -1 : 1) * (3_722_750_000_000L + k));
      case CHAR -> buf.put(at, (byte) CHARS[k % 4]);
      case CSTRING -> buf.put(at, ("S" + k).getBytes(StandardCharsets.US_ASCII));
      case LEVELS, CONSOLIDATED_LEVELS -> levels(buf, field);
      case RESERVED -> throw new IllegalArgumentException(field.toString());
    }
  }

  private static void levels(ByteBuffer buf, Field field) {
    for (int i = 0; i < field.levelCount(); i++) {
      int at = field.offset() + 32 * i;
      buf.putLong(at, 100_000_000_000L * (i + 1));
      buf.putLong(at + 8, 100_000_000_000L * (i + 1) + 250_000_000L);
      buf.putInt(at + 16, 10 + i).putInt(at + 20, 20 + i);
      if (field.type() == FieldType.LEVELS) {
        buf.putInt(at + 24, 1 + i).putInt(at + 28, 2 + i);
      } else {
        buf.putShort(at + 24, (short) (3 + i)).putShort(at + 28, (short) (4 + i));
      }
    }
  }
}
