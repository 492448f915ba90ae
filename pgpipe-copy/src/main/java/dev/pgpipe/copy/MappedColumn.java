package dev.pgpipe.copy;

import dev.pgpipe.copy.codec.PgKind;
import dev.pgpipe.copy.codec.PgType;

/**
 * One column of a {@link Table}: its name in the database, type, whether NULL is refused, and how
 * the value is read from a row. Checks that a primitive accessor fits the type.
 */
public record MappedColumn<T>(String name, PgType type, boolean notNull, Accessor<T> accessor) {

  public MappedColumn {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a column needs a name");
    }
    String problem = fit(type, accessor);
    if (problem != null) {
      throw new IllegalArgumentException(
          "column " + name + " " + type + ": " + problem + " cannot fill it");
    }
  }

  private static @org.jspecify.annotations.Nullable String fit(PgType type, Accessor<?> accessor) {
    PgKind kind = type.array() ? null : type.kind();
    boolean fits =
        switch (accessor) {
          case Accessor.OfLong<?> a -> kind == PgKind.INT8;
          case Accessor.OfInt<?> a ->
              kind == PgKind.INT4
                  || kind == PgKind.INT2
                  || kind == PgKind.BPCHAR
                  || kind == PgKind.CHAR
                  || kind == PgKind.TEXT
                  || kind == PgKind.VARCHAR;
          case Accessor.OfDouble<?> a -> kind == PgKind.FLOAT8 || kind == PgKind.FLOAT4;
          case Accessor.OfBoolean<?> a -> kind == PgKind.BOOL;
          case Accessor.OfEpoch<?> a ->
              (kind == PgKind.TIMESTAMP || kind == PgKind.TIMESTAMPTZ)
                  && a.unit() != EpochUnit.NONE;
          case Accessor.OfObject<?> a -> true;
        };
    return fits ? null : "a primitive " + accessor.getClass().getSimpleName() + " accessor";
  }

  /** Whether the column is written from a primitive, allocation-free. */
  public boolean primitive() {
    return !(accessor instanceof Accessor.OfObject<?>);
  }
}
