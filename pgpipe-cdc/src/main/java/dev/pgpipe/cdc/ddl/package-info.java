/**
 * Optional DDL capture: an event trigger on the source writes every DDL command into the WAL as a
 * transactional logical message (prefix {@value dev.pgpipe.cdc.ddl.DdlEvents#PREFIX}), so the
 * change stream carries each schema change at exactly the position where it happened, with the
 * attnums that pgoutput's Relation messages lack.
 *
 * <p>Entry points: {@link dev.pgpipe.cdc.ddl.DdlCapture} installs and removes the trigger on a
 * source; {@link dev.pgpipe.cdc.ddl.DdlEvents} finds the {@link dev.pgpipe.cdc.ddl.DdlEvent}s of a
 * {@link dev.pgpipe.cdc.ChangeEvent} or {@link dev.pgpipe.cdc.Transaction}, decoded by the pure
 * {@link dev.pgpipe.cdc.ddl.DdlDecoder}; {@link dev.pgpipe.cdc.ddl.ColumnChanges} tells, from two
 * column lists by attnum, what was renamed, added, dropped or retyped.
 */
@NullMarked
package dev.pgpipe.cdc.ddl;

import org.jspecify.annotations.NullMarked;
