/** {@code pgpipe backfill}: re-snapshot a table into a running replication, and its status. */
@NullMarked
package dev.pgpipe.cli.backfill;

import org.jspecify.annotations.NullMarked;
