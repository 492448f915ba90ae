package dev.pgpipe.cdc.value;

/**
 * The Java representation of a column's values. Every PostgreSQL type maps to one kind; arrays are
 * {@code List}s (nested for more dimensions) of the element kind.
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>kind</th><th>Java</th><th>PostgreSQL</th></tr>
 *   <tr><td>BOOL</td><td>Boolean</td><td>bool</td></tr>
 *   <tr><td>INT16, INT32, INT64</td><td>Short, Integer, Long</td><td>int2, int4, int8, oid</td></tr>
 *   <tr><td>FLOAT32, FLOAT64</td><td>Float, Double (NaN, ±Infinity)</td><td>float4, float8</td></tr>
 *   <tr><td>NUMERIC</td><td>BigDecimal, or Double NaN/±Infinity</td><td>numeric</td></tr>
 *   <tr><td>BYTES</td><td>byte[]</td><td>bytea</td></tr>
 *   <tr><td>UUID</td><td>java.util.UUID</td><td>uuid</td></tr>
 *   <tr><td>DATE</td><td>LocalDate; ±infinity as LocalDate.MAX/MIN</td><td>date</td></tr>
 *   <tr><td>TIME, TIMETZ</td><td>LocalTime, OffsetTime</td><td>time, timetz</td></tr>
 *   <tr><td>TIMESTAMP</td><td>LocalDateTime; ±infinity as MAX/MIN</td><td>timestamp</td></tr>
 *   <tr><td>TIMESTAMPTZ</td><td>Instant (UTC); ±infinity as Instant.MAX/MIN</td>
 *       <td>timestamptz</td></tr>
 *   <tr><td>JSON</td><td>String (the server's text)</td><td>json, jsonb</td></tr>
 *   <tr><td>STRING</td><td>String</td><td>text, varchar, enums, interval, inet, ... all else</td></tr>
 * </table>
 */
public enum ValueKind {
  BOOL,
  INT16,
  INT32,
  INT64,
  FLOAT32,
  FLOAT64,
  NUMERIC,
  BYTES,
  UUID,
  DATE,
  TIME,
  TIMETZ,
  TIMESTAMP,
  TIMESTAMPTZ,
  JSON,
  STRING
}
