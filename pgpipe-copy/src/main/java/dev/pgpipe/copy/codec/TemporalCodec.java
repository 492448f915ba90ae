package dev.pgpipe.copy.codec;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * date, time, timetz, timestamp, timestamptz and interval.
 *
 * <pre>
 * date         int32 days since 2000-01-01 (INT32_MAX/MIN = ±infinity)          LocalDate
 * time         int64 microseconds since midnight                                LocalTime
 * timetz       int64 microseconds | int32 zone offset in seconds WEST of UTC    OffsetTime
 * timestamp    int64 microseconds since 2000-01-01 00:00 (wall clock)           LocalDateTime
 * timestamptz  int64 microseconds since 2000-01-01 00:00 UTC (INT64_MAX/MIN)    Instant
 * interval     int64 microseconds | int32 days | int32 months                   PgInterval
 * </pre>
 *
 * timestamptz also accepts OffsetDateTime; interval also accepts Duration. Decoding gives the type
 * in the right-hand column.
 */
record TemporalCodec(PgType type) implements Codec {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  @Override
  public void encode(Object value, WireBuffer out) {
    switch (type.kind()) {
      case DATE -> out.putInt(PgTime.fromLocalDate(expect(value, LocalDate.class)));
      case TIME -> out.putLong(expect(value, LocalTime.class).toNanoOfDay() / 1000);
      case TIMETZ -> {
        OffsetTime time = expect(value, OffsetTime.class);
        out.putLong(time.toLocalTime().toNanoOfDay() / 1000);
        out.putInt(-time.getOffset().getTotalSeconds());
      }
      case TIMESTAMP -> out.putLong(PgTime.fromLocalDateTime(expect(value, LocalDateTime.class)));
      case TIMESTAMPTZ -> out.putLong(PgTime.fromInstant(instant(value)));
      case INTERVAL -> {
        PgInterval interval = interval(value);
        out.putLong(interval.micros());
        out.putInt(interval.days());
        out.putInt(interval.months());
      }
      default -> throw new IllegalStateException("not a time type: " + type);
    }
  }

  private <V> V expect(Object value, Class<V> javaType) {
    if (!javaType.isInstance(value)) {
      throw rejected(value);
    }
    return javaType.cast(value);
  }

  private ValueRejectedException rejected(Object value) {
    return new ValueRejectedException(
        type + " (" + accepts() + ")", value.getClass().getSimpleName());
  }

  private Instant instant(Object value) {
    return switch (value) {
      case Instant instant -> instant;
      case OffsetDateTime time when time.equals(OffsetDateTime.MAX) -> Instant.MAX;
      case OffsetDateTime time when time.equals(OffsetDateTime.MIN) -> Instant.MIN;
      case OffsetDateTime time -> time.toInstant();
      default -> throw rejected(value);
    };
  }

  private PgInterval interval(Object value) {
    return switch (value) {
      case PgInterval interval -> interval;
      case Duration duration -> PgInterval.of(duration);
      default -> throw rejected(value);
    };
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length) {
    String name = type.kind().shortName();
    return switch (type.kind()) {
      case DATE -> {
        Read.width(name, length, 4, offset);
        yield PgTime.toLocalDate(Read.int32(bytes, offset));
      }
      case TIME -> {
        Read.width(name, length, 8, offset);
        yield localTime(Read.int64(bytes, offset));
      }
      case TIMETZ -> {
        Read.width(name, length, 12, offset);
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(-Read.int32(bytes, offset + 8));
        yield OffsetTime.of(localTime(Read.int64(bytes, offset)), zone);
      }
      case TIMESTAMP -> {
        Read.width(name, length, 8, offset);
        yield PgTime.toLocalDateTime(Read.int64(bytes, offset));
      }
      case TIMESTAMPTZ -> {
        Read.width(name, length, 8, offset);
        yield PgTime.toInstant(Read.int64(bytes, offset));
      }
      default -> {
        Read.width(name, length, 16, offset);
        yield new PgInterval(
            Read.int32(bytes, offset + 12),
            Read.int32(bytes, offset + 8),
            Read.int64(bytes, offset));
      }
    };
  }

  /** 24:00:00, which PostgreSQL allows, becomes the last nanosecond of the day. */
  private static LocalTime localTime(long micros) {
    return micros >= MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
  }

  @Override
  public String accepts() {
    return switch (type.kind()) {
      case DATE -> "LocalDate";
      case TIME -> "LocalTime";
      case TIMETZ -> "OffsetTime";
      case TIMESTAMP -> "LocalDateTime";
      case TIMESTAMPTZ -> "Instant or OffsetDateTime";
      default -> "PgInterval or Duration";
    };
  }
}
