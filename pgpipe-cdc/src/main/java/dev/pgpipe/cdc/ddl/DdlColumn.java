package dev.pgpipe.cdc.ddl;

import org.jspecify.annotations.Nullable;

/**
 * A live column of a table as the catalog described it when the DDL command ended.
 *
 * <p>{@code attnum} is the column's number in {@code pg_attribute}: it survives renames and type
 * changes, and a column dropped and added again gets a new one. {@code type} is {@code
 * format_type(atttypid, atttypmod)} printed with {@code search_path = pg_catalog}, so types outside
 * {@code pg_catalog} are schema-qualified ({@code public.mood}, {@code character varying(20)}).
 * {@code defaultExpression} is the default (for a generated column its generation expression),
 * printed the same way, or null. {@code generated} is {@code ""} for a plain column, {@code "s"}
 * stored, {@code "v"} virtual; {@code identity} is {@code ""}, {@code "a"} (ALWAYS) or {@code "d"}
 * (BY DEFAULT). Immutable.
 */
public record DdlColumn(
    int attnum,
    String name,
    String type,
    long typeOid,
    int typmod,
    boolean notNull,
    @Nullable String defaultExpression,
    String generated,
    String identity) {

  public DdlColumn {
    if (attnum <= 0) {
      throw new IllegalArgumentException("attnum must be > 0: " + attnum);
    }
    if (name.isEmpty() || type.isEmpty()) {
      throw new IllegalArgumentException("column " + attnum + " without a name or type");
    }
  }

  /** Whether type OID, type modifier or printed type differ from {@code other}'s. */
  public boolean typeDiffers(DdlColumn other) {
    return typeOid != other.typeOid || typmod != other.typmod || !type.equals(other.type);
  }
}
