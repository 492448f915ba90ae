package dev.pgpipe.dbn;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between record bytes and the immutable records, driven by {@link Layouts}: the record
 * components after {@code hd} are the layout's non-reserved fields in wire order, which this class
 * checks once for every layout when it loads.
 */
final class RecordCodec {
  private record Binding(List<Field> fields, MethodHandle constructor, MethodHandle[] accessors) {}

  private static final Map<Class<?>, Binding> BINDINGS = bindAll();

  private RecordCodec() {}

  /** Decodes the record at {@code base}; the caller checked that the layout fits. */
  static DbnRecord decode(Layout layout, ByteBuffer buf, int base) {
    Binding binding = binding(layout.recordType());
    Object[] args = new Object[binding.fields().size() + 1];
    args[0] =
        new RecordHeader(
            buf.get(base + 1) & 0xFF,
            buf.getShort(base + 2) & 0xFFFF,
            buf.getInt(base + 4) & 0xFFFF_FFFFL,
            buf.getLong(base + 8));
    for (int i = 0; i < binding.fields().size(); i++) {
      args[i + 1] = FieldCodec.read(binding.fields().get(i), buf, base);
    }
    try {
      return (DbnRecord) (Object) binding.constructor().invokeExact(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot construct " + layout.name(), e);
    }
  }

  /**
   * Writes {@code record} (not a {@link WithTsOut}) at {@code base}: header with {@code
   * lengthBytes} / 4, fields, zeroed reserved bytes.
   */
  static void encode(DbnRecord record, Layout layout, ByteBuffer buf, int base, int lengthBytes) {
    Binding binding = binding(layout.recordType());
    for (int i = 0; i < layout.size(); i++) {
      buf.put(base + i, (byte) 0);
    }
    RecordHeader hd = record.hd();
    buf.put(base, (byte) (lengthBytes / 4)).put(base + 1, (byte) hd.rtype());
    buf.putShort(base + 2, (short) hd.publisherId()).putInt(base + 4, (int) hd.instrumentId());
    buf.putLong(base + 8, hd.tsEvent());
    for (int i = 0; i < binding.fields().size(); i++) {
      FieldCodec.write(binding.fields().get(i), component(binding, i, record), buf, base);
    }
  }

  private static Object component(Binding binding, int index, DbnRecord record) {
    try {
      return binding.accessors()[index].invoke(record);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read component " + index + " of " + record, e);
    }
  }

  private static Binding binding(Class<?> type) {
    Binding binding = BINDINGS.get(type);
    if (binding == null) {
      throw new IllegalStateException("no layout bound to " + type);
    }
    return binding;
  }

  private static Map<Class<?>, Binding> bindAll() {
    Map<Class<?>, Binding> map = new HashMap<>();
    for (Layout layout : Layouts.all()) {
      map.put(layout.recordType(), bind(layout));
    }
    return Map.copyOf(map);
  }

  private static Binding bind(Layout layout) {
    List<Field> fields = new ArrayList<>();
    for (Field field : layout.fields()) {
      if (field.type() != FieldType.RESERVED) {
        fields.add(field);
      }
    }
    RecordComponent[] components = layout.recordType().getRecordComponents();
    if (components.length != fields.size() + 1) {
      throw new IllegalStateException(layout + " does not match " + layout.recordType());
    }
    Class<?>[] types = new Class<?>[components.length];
    MethodHandle[] accessors = new MethodHandle[fields.size()];
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        if (i > 0) {
          checkComponent(layout, fields.get(i - 1), components[i]);
          accessors[i - 1] =
              lookup.unreflect(components[i].getAccessor()).asType(MethodType.genericMethodType(1));
        }
      }
      MethodHandle constructor =
          lookup
              .findConstructor(layout.recordType(), MethodType.methodType(void.class, types))
              .asSpreader(Object[].class, types.length)
              .asType(MethodType.methodType(Object.class, Object[].class));
      return new Binding(List.copyOf(fields), constructor, accessors);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot bind " + layout, e);
    }
  }

  private static void checkComponent(Layout layout, Field field, RecordComponent component) {
    String expectedName = camelCase(field.name());
    Class<?> expectedType =
        switch (field.type()) {
          case U8, I8, U16, I16, I32 -> int.class;
          case U32, U64, I64, PRICE, TIMESTAMP -> long.class;
          case CHAR -> char.class;
          case CSTRING -> String.class;
          case LEVELS, CONSOLIDATED_LEVELS -> List.class;
          case RESERVED -> void.class;
        };
    if (!component.getName().equals(expectedName) || component.getType() != expectedType) {
      throw new IllegalStateException(
          layout + " field " + field + " does not match component " + component);
    }
  }

  static String camelCase(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : snake.replaceFirst("^_+", "").toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
