/**
 * Text output of DBN data in the shape of Databento's {@code dbn} tool: JSON lines and CSV for
 * records ({@link dev.pgpipe.dbn.json.RecordWriter}), JSON for metadata ({@link
 * dev.pgpipe.dbn.json.MetadataJson}).
 */
@NullMarked
package dev.pgpipe.dbn.json;

import org.jspecify.annotations.NullMarked;
