package dev.pgpipe.sink;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether change-event values mean in binary COPY exactly what their {@link ValueText} means to the
 * server's input functions. Two Java values do not: {@link LocalTime#MAX}, which the text path
 * writes as {@code 24:00:00} (a valid time) and a codec as 23:59:59.999999; and times with digits
 * below the microsecond, which the server rounds to the nearest microsecond and a codec truncates.
 * Values decoded from pgoutput never have either; hand-made events may, and then take the text
 * path. Pure.
 */
final class BinaryExact {

  private BinaryExact() {}

  /** Whether every value of the staging row is exact in binary. */
  static boolean all(@Nullable Object[] row) {
    for (Object value : row) {
      if (value != null && !exact(value)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the value means in binary exactly what its text means. */
  static boolean exact(Object value) {
    return switch (value) {
      case LocalTime t -> !t.equals(LocalTime.MAX) && micros(t.getNano());
      case OffsetTime t -> exact(t.toLocalTime());
      case LocalDateTime t -> micros(t.getNano());
      case OffsetDateTime t -> micros(t.getNano());
      case Instant i -> micros(i.getNano());
      case List<?> list -> list.stream().allMatch(e -> e == null || exact(e));
      default -> true;
    };
  }

  private static boolean micros(int nanos) {
    return nanos % 1000 == 0;
  }
}
