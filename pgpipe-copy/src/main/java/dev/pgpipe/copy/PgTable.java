package dev.pgpipe.copy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the table a record maps to ({@link Table#of(Class)}); without it the table is the record's
 * simple name in snake_case, in schema {@code public}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PgTable {

  /** The table name; empty for the record's name in snake_case. */
  String name() default "";

  /** The schema. */
  String schema() default "public";

  /** The primary key's columns (database names), in key order; empty for none. */
  String[] primaryKey() default {};
}
