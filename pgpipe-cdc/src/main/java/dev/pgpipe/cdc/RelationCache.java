package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Relation;
import dev.pgpipe.cdc.pgoutput.RelationColumn;
import dev.pgpipe.cdc.value.ResolvedType;
import dev.pgpipe.cdc.value.TypeRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Relations by OID, rebuilt from every Relation message (pitfall 6: its key flags are the truth;
 * its column names, type OIDs and modifiers are too: the catalog only adds what the stream lacks).
 * Not thread-safe: owned by the reading thread.
 */
final class RelationCache {

  /** A relation as events need it: schema, resolved column types, and whether it is wanted. */
  record Entry(TableSchema schema, List<ResolvedType> types, List<Long> oids, boolean accepted) {}

  private final Map<Long, Entry> relations = new HashMap<>();
  private final TypeRegistry types;
  private final CatalogLookup catalog;
  private final EventFilter filter;

  RelationCache(TypeRegistry types, CatalogLookup catalog, EventFilter filter) {
    this.types = types;
    this.catalog = catalog;
    this.filter = filter;
  }

  Entry update(Relation relation) {
    List<Long> oids = relation.columns().stream().map(RelationColumn::typeOid).toList();
    catalog.learnTypes(types, oids);
    boolean accepted = filter.accepts(relation.namespace(), relation.name());
    RelationFacts facts =
        accepted ? catalog.facts(relation.relationId(), relation.columns()) : RelationFacts.NONE;
    List<Column> columns = new ArrayList<>();
    List<ResolvedType> resolved = new ArrayList<>();
    for (RelationColumn column : relation.columns()) {
      ResolvedType type = types.resolve(column.typeOid());
      resolved.add(type);
      columns.add(
          new Column(
              column.name(),
              types.name(column.typeOid()),
              column.typeOid(),
              type.kind(),
              type.array(),
              !facts.notNull().contains(column.name()),
              column.key(),
              column.typeModifier(),
              accepted ? catalog.definition(column.typeOid(), column.typeModifier()) : null,
              facts.missing().get(column.name())));
    }
    TableSchema schema =
        new TableSchema(
            relation.namespace(),
            relation.name(),
            relation.replicaIdentity(),
            columns,
            relation.relationId(),
            facts.key());
    Entry entry = new Entry(schema, resolved, oids, accepted);
    relations.put(relation.relationId(), entry);
    return entry;
  }

  @Nullable Entry get(long relationId) {
    return relations.get(relationId);
  }

  /** Forgets everything: a new connection sends every Relation again. */
  void clear() {
    relations.clear();
  }
}
