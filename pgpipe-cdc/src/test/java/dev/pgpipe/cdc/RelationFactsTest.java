package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.pgoutput.RelationColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the catalog may add to a Relation message, and when it may not. */
class RelationFactsTest {

  private static final List<RelationColumn> RELATION =
      List.of(new RelationColumn(true, "id", 20, -1), new RelationColumn(false, "f", 25, -1));

  @Test
  void aMatchingCatalogGivesNotNullMissingValuesAndKeyOrder() {
    RelationFacts facts =
        RelationFacts.of(
            List.of(
                new RelationFacts.Attribute("id", 20, -1, true, null, null),
                new RelationFacts.Attribute("f", 25, -1, false, "old rows", "'other'::text")),
            RELATION,
            List.of("id"));
    assertThat(facts.notNull()).containsExactly("id");
    assertThat(facts.missing()).containsEntry("f", "old rows");
    assertThat(facts.key()).containsExactly("id");
  }

  @Test
  void aCatalogThatMovedOnGivesNoNotNull_butAColumnOfTheSameTypeKeepsItsConstantDefault() {
    RelationFacts facts =
        RelationFacts.of(
            List.of(
                new RelationFacts.Attribute("id", 20, -1, true, null, null),
                new RelationFacts.Attribute("f", 25, -1, false, null, "'it''s'::text"),
                new RelationFacts.Attribute("later", 23, -1, true, null, "42")),
            RELATION,
            List.of("id"));
    assertThat(facts.notNull()).isEmpty();
    assertThat(facts.key()).isEmpty();
    assertThat(facts.missing()).containsExactly(java.util.Map.entry("f", "it's"));
  }

  @Test
  void onlyConstantsAreTakenAsTheOlderRowsValue() {
    assertThat(RelationFacts.constant("42")).isEqualTo("42");
    assertThat(RelationFacts.constant("-1.5")).isEqualTo("-1.5");
    assertThat(RelationFacts.constant("'a''b'::character varying")).isEqualTo("a'b");
    assertThat(RelationFacts.constant("now()")).isNull();
    assertThat(RelationFacts.constant("'x'::text || 'y'::text")).isNull();
  }
}
