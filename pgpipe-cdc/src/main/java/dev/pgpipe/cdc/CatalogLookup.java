package dev.pgpipe.cdc;

import dev.pgpipe.cdc.value.TypeRegistry;
import java.util.Collection;
import java.util.Set;

/**
 * What the assembler needs from the source catalog when a Relation message arrives: NOT NULL
 * columns (pgoutput does not send them) and the user types its columns use. The reader implements
 * it with SQL; tests pass a fixed one.
 */
interface CatalogLookup {

  /** Names of the relation's NOT NULL columns; empty when unknown. */
  Set<String> notNullColumns(long relationId);

  /** Registers every OID (and the element and base types they refer to) the registry lacks. */
  void learnTypes(TypeRegistry registry, Collection<Long> typeOids);

  /** Knows nothing: every column nullable, unknown types as strings. */
  CatalogLookup NONE =
      new CatalogLookup() {
        @Override
        public Set<String> notNullColumns(long relationId) {
          return Set.of();
        }

        @Override
        public void learnTypes(TypeRegistry registry, Collection<Long> typeOids) {}
      };
}
