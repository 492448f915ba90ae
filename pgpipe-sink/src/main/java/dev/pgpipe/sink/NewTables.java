package dev.pgpipe.sink;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChunkReader;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the tables new to a running replication: named in {@code --tables} but not yet in its
 * publication (the change stream adds them when it opens). Their rows from before they joined are
 * never streamed, so each gets a backfill request on the target, recorded before the publication
 * changes: a crash in between leaves the request, not a table without its old rows.
 */
final class NewTables {

  private static final Logger log = LoggerFactory.getLogger(NewTables.class);

  private NewTables() {}

  /**
   * Requests a backfill of every new table, when the replication is resuming (the target holds some
   * of it and no initial snapshot will copy them).
   */
  static void request(CdcConfig source, TableSink sink, boolean snapshotPending) {
    if (source.tables().isEmpty() || snapshotPending || !sink.recorded()) {
      return;
    }
    Set<String> published;
    try (ChunkReader reader = ChunkReader.open(source.connection())) {
      published = Set.copyOf(reader.publishedTables(source.publication()));
    }
    for (String label : labels(source.tables())) {
      if (!published.contains(label)) {
        log.info("table {} is new to the replication: backfilling it while streaming", label);
        sink.requestBackfill(label);
      }
    }
  }

  /** Whether the replication streams the table {@code label} ({@code schema.name}). */
  static java.util.function.Predicate<String> streamed(CdcConfig source) {
    List<String> named = labels(source.tables());
    return label -> {
      int dot = label.indexOf('.');
      return (named.isEmpty() || named.contains(label))
          && dot > 0
          && source.filter().accepts(label.substring(0, dot), label.substring(dot + 1));
    };
  }

  private static List<String> labels(List<String> tables) {
    return tables.stream().map(t -> t.contains(".") ? t : "public." + t).toList();
  }
}
