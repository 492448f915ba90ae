package dev.pgpipe.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An array parameter with an explicit element type, for when it cannot be inferred from the Java
 * elements (an empty list, all NULLs, or a type such as {@code varchar} or an enum).
 *
 * @param elementType the PostgreSQL element type name, e.g. {@code int8} or {@code my_enum}
 * @param elements the elements, NULLs allowed
 */
public record SqlArray(String elementType, List<@Nullable Object> elements) {

  public SqlArray {
    if (elementType.isBlank()) {
      throw new IllegalArgumentException("elementType must not be blank");
    }
    elements = Collections.unmodifiableList(new ArrayList<>(elements));
  }

  public static SqlArray of(String elementType, List<?> elements) {
    return new SqlArray(elementType, new ArrayList<@Nullable Object>(elements));
  }
}
