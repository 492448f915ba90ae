package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.value.ValueKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Events written to a spill file read back equal, whatever their values. */
class SpillCodecTest {

  private static final TableSchema TABLE =
      new TableSchema(
          "app",
          "t \"x\"",
          'd',
          List.of(
              new Column("k", "int4", 23, ValueKind.INT32, false, false, true),
              new Column("id", "int8", 20, ValueKind.INT64, false, false, true),
              new Column(
                  "v",
                  "varchar",
                  1043,
                  ValueKind.STRING,
                  false,
                  true,
                  false,
                  24,
                  "character varying(20)",
                  "it's old")),
          16_384,
          List.of("id", "k"));

  @SuppressWarnings("NullAway") // row maps with null values, as the decoder makes them
  private static ChangeEvent event(int index, Map<String, @Nullable Object> after) {
    return new ChangeEvent(
        Operation.UPDATE,
        TABLE,
        new LinkedHashMap<String, @Nullable Object>(Map.of("id", 1L)),
        after,
        null,
        0,
        new EventPosition(100 + index, 7, Instant.parse("2026-12-02T10:00:00.123456Z"), index));
  }

  private static List<ChangeEvent> roundTrip(List<ChangeEvent> events) throws IOException {
    EnvelopeCodec json = new EnvelopeCodec();
    SpillCodec writer = new SpillCodec(json);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (ChangeEvent e : events) {
        writer.write(out, e);
      }
    }
    SpillCodec reader = new SpillCodec(json);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    List<ChangeEvent> read = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      read.add(reader.read(in));
    }
    assertThat(in.read()).isEqualTo(-1);
    return read;
  }

  @Test
  void everyKindOfValueAndItsExtremesComeBackEqual() throws IOException {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("id", Long.MIN_VALUE);
    row.put("v", "naïve \u0000 ✓");
    row.put("toast", Unchanged.VALUE);
    row.put("null", null);
    row.put("b", true);
    row.put("s", (short) -3);
    row.put("i", Integer.MAX_VALUE);
    row.put("f", Float.NaN);
    row.put("d", Double.NEGATIVE_INFINITY);
    row.put("n", new BigDecimal("-12345678901234567890.000120"));
    row.put("bytes", new byte[] {0, -1, 42});
    row.put("u", UUID.randomUUID());
    row.put("date", LocalDate.MAX);
    row.put("early", LocalDate.of(-4712, 1, 1));
    row.put("time", LocalTime.MAX);
    row.put("timetz", OffsetTime.of(LocalTime.NOON, ZoneOffset.ofHoursMinutes(-9, -30)));
    row.put("ts", LocalDateTime.MIN);
    row.put("tstz", Instant.MAX);
    row.put("array", Arrays.asList(Arrays.asList(1, null), List.of(), List.of("a")));

    ChangeEvent written = event(0, row);
    ChangeEvent read = roundTrip(List.of(written)).getFirst();

    assertThat(read.position()).isEqualTo(written.position());
    assertThat(read.table()).isEqualTo(TABLE);
    assertThat(read.before()).isEqualTo(written.before());
    Map<String, @Nullable Object> after = java.util.Objects.requireNonNull(read.after());
    assertThat(after.keySet()).containsExactlyElementsOf(row.keySet());
    row.forEach((name, value) -> assertThat(after.get(name)).as(name).isEqualTo(value));
  }

  @Test
  void aTableIsWrittenOnceAndMessagesAndTruncatesKeepTheirFields() throws IOException {
    ChangeEvent message =
        new ChangeEvent(
            Operation.MESSAGE,
            null,
            null,
            null,
            new LogicalMessage("pgpipe.x", "hello".getBytes(StandardCharsets.UTF_8), true),
            0,
            new EventPosition(5, 7, Instant.EPOCH, 3));
    ChangeEvent truncate =
        new ChangeEvent(
            Operation.TRUNCATE,
            TABLE,
            null,
            null,
            null,
            ChangeEvent.TRUNCATE_RESTART_IDENTITY,
            new EventPosition(6, 7, Instant.EPOCH, 4));
    List<ChangeEvent> events =
        List.of(
            event(0, Map.of("id", 1L, "v", "a")), message, event(1, Map.of("id", 2L)), truncate);

    List<ChangeEvent> read = roundTrip(events);

    LogicalMessage readMessage = java.util.Objects.requireNonNull(read.get(1).message());
    assertThat(readMessage.prefix()).isEqualTo("pgpipe.x");
    assertThat(new String(readMessage.content(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(read.get(3).truncateOptions()).isEqualTo(ChangeEvent.TRUNCATE_RESTART_IDENTITY);
    assertThat(read.get(0).table()).isSameAs(read.get(2).table()).isSameAs(read.get(3).table());
    assertThat(read.get(2).after()).isEqualTo(Map.of("id", 2L));
  }

  @Test
  void aCorruptFileSaysSo() {
    SpillCodec reader = new SpillCodec(new EnvelopeCodec());
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(new byte[] {'X'}));

    assertThatThrownBy(() -> reader.read(in))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt spill file");
  }
}
