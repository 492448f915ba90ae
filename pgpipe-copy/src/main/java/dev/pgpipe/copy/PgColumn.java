package dev.pgpipe.copy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Overrides how a record component maps to its column. */
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.RUNTIME)
public @interface PgColumn {

  /** The column name; empty for the component's name in snake_case. */
  String name() default "";

  /**
   * The PostgreSQL type ({@code numeric(18,9)}, {@code char(1)}, {@code side[]}, ...); empty for
   * the default of the Java type.
   */
  String type() default "";

  /** Whether NULL is refused; primitives and key columns are never null anyway. */
  boolean notNull() default false;

  /**
   * For a {@code long} component mapped to timestamp/timestamptz: the unit of its count since
   * 1970-01-01 UTC.
   */
  EpochUnit epoch() default EpochUnit.NONE;
}
