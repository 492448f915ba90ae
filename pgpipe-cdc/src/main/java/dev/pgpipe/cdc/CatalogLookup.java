package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.RelationColumn;
import dev.pgpipe.cdc.value.TypeRegistry;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the assembler needs from the source catalog when a Relation message arrives: what pgoutput
 * does not send (NOT NULL, the value of a column added with a default) and the user types its
 * columns use. The reader implements it with SQL; tests pass a fixed one.
 */
interface CatalogLookup {

  /**
   * NOT NULL columns and missing values of the relation, trusted only while the catalog's columns
   * equal the Relation message's ({@link RelationFacts#NONE} otherwise, or when unknown).
   */
  RelationFacts facts(long relationId, List<RelationColumn> columns);

  /** The type as a target declares it, or null when unknown (see {@link Column#definition()}). */
  @Nullable String definition(long typeOid, int typeModifier);

  /** Registers every OID (and the element and base types they refer to) the registry lacks. */
  void learnTypes(TypeRegistry registry, Collection<Long> typeOids);

  /** Knows nothing: every column nullable, no definitions, unknown types as strings. */
  CatalogLookup NONE =
      new CatalogLookup() {
        @Override
        public RelationFacts facts(long relationId, List<RelationColumn> columns) {
          return RelationFacts.NONE;
        }

        @Override
        public @Nullable String definition(long typeOid, int typeModifier) {
          return null;
        }

        @Override
        public void learnTypes(TypeRegistry registry, Collection<Long> typeOids) {}
      };
}
