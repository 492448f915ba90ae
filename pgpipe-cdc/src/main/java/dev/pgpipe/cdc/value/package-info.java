/**
 * PostgreSQL values from their text output format into Java values, by type OID: a {@link
 * dev.pgpipe.cdc.value.TypeRegistry} knows the built-in types and learns enums, domains and arrays
 * of user types from the catalog (the reader asks; this package never does), and {@link
 * dev.pgpipe.cdc.value.ValueDecoder} parses text. Pure: no sockets, no SQL.
 */
@NullMarked
package dev.pgpipe.cdc.value;

import org.jspecify.annotations.NullMarked;
