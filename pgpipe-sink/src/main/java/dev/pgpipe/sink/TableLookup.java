package dev.pgpipe.sink;

import java.util.Optional;

/** Where the {@link Planner} finds target tables: the catalog, or a batch that changed some. */
interface TableLookup {

  /** Whether events of {@code schema.name} are to be applied at all. */
  boolean allowed(String schema, String name);

  /** The table, or empty when it is not whitelisted or not in the target. */
  Optional<TargetTable> table(String schema, String name);
}
