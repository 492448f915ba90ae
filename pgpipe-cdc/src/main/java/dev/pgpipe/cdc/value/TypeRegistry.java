package dev.pgpipe.cdc.value;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Types by OID: the built-in ones from the start, user types (enums, domains, arrays of them,
 * composites, ...) once {@link #register registered} from the catalog. A domain resolves to its
 * base type, an array to its element type; anything unknown is a {@link ValueKind#STRING}.
 * Thread-safe.
 */
public final class TypeRegistry {

  private static final Map<Long, ValueKind> SCALARS =
      Map.ofEntries(
          Map.entry(16L, ValueKind.BOOL),
          Map.entry(17L, ValueKind.BYTES),
          Map.entry(20L, ValueKind.INT64),
          Map.entry(21L, ValueKind.INT16),
          Map.entry(23L, ValueKind.INT32),
          Map.entry(26L, ValueKind.INT64),
          Map.entry(28L, ValueKind.INT64),
          Map.entry(114L, ValueKind.JSON),
          Map.entry(700L, ValueKind.FLOAT32),
          Map.entry(701L, ValueKind.FLOAT64),
          Map.entry(1082L, ValueKind.DATE),
          Map.entry(1083L, ValueKind.TIME),
          Map.entry(1114L, ValueKind.TIMESTAMP),
          Map.entry(1184L, ValueKind.TIMESTAMPTZ),
          Map.entry(1266L, ValueKind.TIMETZ),
          Map.entry(1700L, ValueKind.NUMERIC),
          Map.entry(2950L, ValueKind.UUID),
          Map.entry(3802L, ValueKind.JSON));

  private static final int MAX_DEPTH = 16;

  private final Map<Long, TypeInfo> types = new ConcurrentHashMap<>();

  public TypeRegistry() {
    for (TypeInfo builtIn : BuiltInTypes.all()) {
      types.put(builtIn.oid(), builtIn);
    }
  }

  /** Whether the OID is a built-in or registered type. */
  public boolean isKnown(long oid) {
    return types.containsKey(oid);
  }

  /** Adds or replaces a type learnt from the catalog. */
  public void register(TypeInfo type) {
    types.put(type.oid(), type);
  }

  /** The type's name ({@code int4}, {@code mood}, {@code _int4}), or {@code oid:N} if unknown. */
  public String name(long oid) {
    TypeInfo info = types.get(oid);
    return info == null ? "oid:" + oid : info.name();
  }

  public @Nullable TypeInfo get(long oid) {
    return types.get(oid);
  }

  /** The representation of values of the type: domains by base type, arrays by element type. */
  public ResolvedType resolve(long oid) {
    long current = oid;
    boolean array = false;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      ValueKind scalar = SCALARS.get(current);
      if (scalar != null) {
        return new ResolvedType(scalar, array);
      }
      TypeInfo info = types.get(current);
      if (info == null) {
        return new ResolvedType(ValueKind.STRING, array);
      }
      if (info.category() == 'd' && info.baseOid() != 0) {
        current = info.baseOid();
      } else if (info.elementOid() != 0 && !array) {
        array = true;
        current = info.elementOid();
      } else {
        return new ResolvedType(ValueKind.STRING, array);
      }
    }
    return new ResolvedType(ValueKind.STRING, array);
  }
}
