package dev.pgpipe.copy;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Binds a record component's accessor once, with {@link LambdaMetafactory}, into the functional
 * interface its column reads through: {@code long} into {@link ToLongFunction}, {@code
 * int/short/char} into {@link ToIntFunction}, {@code double/float} into {@link ToDoubleFunction},
 * {@code boolean} into {@link Predicate}, anything else into {@link Function}. The result is an
 * ordinary lambda class the JIT inlines like hand-written code; no reflection runs per row. See
 * DESIGN.md for why this and not an annotation processor.
 */
final class Accessors {

  private Accessors() {}

  static <T> Accessor<T> bind(Class<T> owner, RecordComponent component, EpochUnit epoch) {
    MethodHandles.Lookup lookup = lookupFor(owner);
    MethodHandle getter;
    try {
      getter = lookup.unreflect(component.getAccessor());
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(
          "cannot read " + owner.getName() + "." + component.getName() + ": " + e.getMessage(), e);
    }
    Class<?> type = component.getType();
    if (type == long.class) {
      ToLongFunction<T> f = lambda(lookup, getter, ToLongFunction.class, "applyAsLong", long.class);
      return epoch == EpochUnit.NONE ? new Accessor.OfLong<>(f) : new Accessor.OfEpoch<>(f, epoch);
    }
    if (type == int.class || type == short.class || type == char.class || type == byte.class) {
      return new Accessor.OfInt<>(
          lambda(lookup, getter, ToIntFunction.class, "applyAsInt", int.class));
    }
    if (type == double.class || type == float.class) {
      return new Accessor.OfDouble<>(
          lambda(lookup, getter, ToDoubleFunction.class, "applyAsDouble", double.class));
    }
    if (type == boolean.class) {
      return new Accessor.OfBoolean<>(
          lambda(lookup, getter, Predicate.class, "test", boolean.class));
    }
    return new Accessor.OfObject<>(lambda(lookup, getter, Function.class, "apply", Object.class));
  }

  private static MethodHandles.Lookup lookupFor(Class<?> owner) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(
          owner.getName()
              + " is not accessible to pgpipe-copy; open its package to dev.pgpipe.copy",
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <F> F lambda(
      MethodHandles.Lookup lookup,
      MethodHandle getter,
      Class<?> functional,
      String method,
      Class<?> erasedReturn) {
    MethodType erased = MethodType.methodType(erasedReturn, Object.class);
    try {
      CallSite site =
          LambdaMetafactory.metafactory(
              lookup,
              method,
              MethodType.methodType(functional),
              erased,
              getter,
              getter.type().changeReturnType(erasedReturn));
      return (F) site.getTarget().invoke();
    } catch (LambdaConversionException e) {
      throw new IllegalArgumentException("cannot bind " + getter + ": " + e.getMessage(), e);
    } catch (Throwable e) {
      throw new IllegalStateException("binding " + getter + " failed", e);
    }
  }
}
