package dev.pgpipe.copy.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle: for edge and random values of every type (and arrays of them), the bytes the codec
 * writes equal the bytes PostgreSQL itself produces with {@code COPY (SELECT ...) TO STDOUT (FORMAT
 * binary)}, and decoding PostgreSQL's bytes, read whole and one byte at a time, gives the value
 * back.
 */
@WithPostgres
class CodecOracleTest {

  private static final long SEED = Long.getLong("oracle.seed", System.nanoTime());
  private static Database db;
  private static int moodOid;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
    db.sql("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'très bien')").update();
    moodOid = db.sql("SELECT 'mood'::regtype::oid::int").scalar(Integer.class);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static Stream<PgType> types() {
    List<PgType> types = new ArrayList<>();
    for (PgKind kind : PgKind.values()) {
      if (kind != PgKind.ENUM) {
        types.add(PgType.of(kind));
      }
    }
    types.add(PgType.varchar(20));
    types.add(PgType.bpchar(5));
    types.add(PgType.bpchar(1));
    types.add(PgType.numeric(18, 9));
    types.add(PgType.enumType("mood"));
    return types.stream();
  }

  private static Codec codec(PgType type) {
    return type.kind() == PgKind.ENUM
        ? Codecs.forEnum(type, moodOid, OracleSamples.MOODS)
        : Codecs.forType(type);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void encodesExactlyThePostgresBytesAndDecodesThemBack(PgType type) {
    List<Sample> samples = new OracleSamples(SEED + type.hashCode()).of(type);
    check(type, samples);
  }

  @ParameterizedTest(name = "{0}[]")
  @MethodSource("types")
  void encodesArraysWithNullsAndDimensionsLikePostgres(PgType type) {
    List<Sample> elements = new OracleSamples(SEED - type.hashCode()).of(type);
    PgType arrayType = type.arrayOf();
    String t = arrayType.formatType();
    Sample a = elements.get(elements.size() - 1);
    Sample b = elements.get(elements.size() - 2);
    Sample c = elements.get(elements.size() - 3);
    Sample d = elements.get(elements.size() - 4);
    List<Sample> samples =
        List.of(
            new Sample(
                Arrays.asList(a.value(), null, b.value()),
                "ARRAY[" + a.sql() + ", NULL, " + b.sql() + "]::" + t,
                new PgArray(List.of(3), List.of(1), Arrays.asList(a.decoded(), null, b.decoded()))),
            new Sample(
                List.of(List.of(a.value(), b.value()), List.of(c.value(), d.value())),
                "ARRAY[ARRAY["
                    + a.sql()
                    + ","
                    + b.sql()
                    + "],ARRAY["
                    + c.sql()
                    + ","
                    + d.sql()
                    + "]]::"
                    + t,
                new PgArray(
                    List.of(2, 2),
                    List.of(1, 1),
                    List.of(a.decoded(), b.decoded(), c.decoded(), d.decoded()))),
            new Sample(List.of(), "'{}'::" + t, PgArray.of(List.of())));
    check(arrayType, samples);
  }

  private static void check(PgType type, List<Sample> samples) {
    Codec codec = codec(type);
    byte[] stream = postgresBytes(samples);
    List<byte @Nullable []> fields = readRaw(new ByteArrayInputStream(stream), samples.size());
    List<@Nullable Object> oneByteAtATime =
        readDecoded(new OneByteAtATime(new ByteArrayInputStream(stream)), codec, samples.size());
    for (int i = 0; i < samples.size(); i++) {
      Sample sample = samples.get(i);
      byte[] expected = fields.get(i);
      String what =
          type
              + " value "
              + describe(sample.value())
              + " as "
              + sample.sql()
              + " (seed "
              + SEED
              + ")";
      assertThat(expected).as(what).isNotNull();
      WireBuffer out = new WireBuffer(64);
      codec.encode(sample.value(), out);
      assertThat(HexFormat.of().formatHex(out.array(), 0, out.size()))
          .as("encoded " + what)
          .isEqualTo(HexFormat.of().formatHex(expected));
      Object decoded = codec.decode(expected, 0, expected.length);
      assertThat(normalize(decoded)).as("decoded " + what).isEqualTo(normalize(sample.decoded()));
      assertThat(normalize(oneByteAtATime.get(i)))
          .as("one byte at a time " + what)
          .isEqualTo(normalize(decoded));
    }
  }

  private static byte[] postgresBytes(List<Sample> samples) {
    StringBuilder select = new StringBuilder("COPY (SELECT ");
    for (int i = 0; i < samples.size(); i++) {
      select.append(i == 0 ? "" : ", ").append(samples.get(i).sql());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    db.copyOut(select.append(") TO STDOUT (FORMAT binary)").toString(), out);
    return out.toByteArray();
  }

  private static List<byte @Nullable []> readRaw(InputStream in, int columns) {
    BinaryCopyReader reader = new BinaryCopyReader(in, List.of());
    List<byte @Nullable []> tuple = java.util.Objects.requireNonNull(reader.nextRaw());
    assertThat(tuple).hasSize(columns);
    assertThat(reader.nextRaw()).isNull();
    return tuple;
  }

  private static List<@Nullable Object> readDecoded(InputStream in, Codec codec, int columns) {
    BinaryCopyReader reader =
        new BinaryCopyReader(in, java.util.Collections.nCopies(columns, codec));
    List<@Nullable Object> tuple = java.util.Objects.requireNonNull(reader.next());
    assertThat(reader.next()).isNull();
    return tuple;
  }

  private static String describe(Object value) {
    return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
  }

  static @Nullable Object normalize(@Nullable Object value) {
    return switch (value) {
      case null -> null;
      case byte[] bytes -> HexFormat.of().formatHex(bytes);
      case PgArray array ->
          List.of(array.dimensions(), array.lowerBounds(), normalize(array.elements()));
      case List<?> list -> list.stream().map(CodecOracleTest::normalize).toList();
      default -> value;
    };
  }

  /** Hands out one byte per read, as a slow socket might. */
  static final class OneByteAtATime extends FilterInputStream {
    OneByteAtATime(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] target, int offset, int length) throws java.io.IOException {
      return super.read(target, offset, Math.min(length, 1));
    }
  }
}
