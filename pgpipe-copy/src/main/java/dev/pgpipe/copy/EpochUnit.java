package dev.pgpipe.copy;

/** The unit of a {@code long} count since 1970-01-01 UTC that a timestamp column is read from. */
public enum EpochUnit {
  /** Not a count since the epoch. */
  NONE,
  MILLIS,
  MICROS,
  NANOS;

  /** The count as PostgreSQL microseconds since 2000-01-01. Allocation-free. */
  long toPgMicros(long count) {
    long unixMicros =
        switch (this) {
          case MILLIS -> Math.multiplyExact(count, 1000L);
          case MICROS -> count;
          case NANOS -> Math.floorDiv(count, 1000L);
          case NONE -> throw new IllegalStateException("not an epoch count");
        };
    return unixMicros - dev.pgpipe.copy.codec.PgTime.EPOCH_2000_SECONDS * 1_000_000L;
  }
}
