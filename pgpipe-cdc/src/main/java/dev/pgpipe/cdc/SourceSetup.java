package dev.pgpipe.cdc;

import dev.pgpipe.client.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the source can feed logical replication and creates the publication: {@code
 * wal_level}, the role's privileges, the replica identity of every published table. Every problem
 * says what to run to fix it; fatal ones throw {@link CdcException}, the rest become warnings.
 */
final class SourceSetup {

  private static final Logger log = LoggerFactory.getLogger(SourceSetup.class);

  private final CdcConfig config;
  private final SourceCatalog catalog;
  private final List<String> warnings = new ArrayList<>();

  SourceSetup(CdcConfig config, SourceCatalog catalog) {
    this.config = config;
    this.catalog = catalog;
  }

  /** Runs every check and creates what is missing; returns the warnings. */
  List<String> prepare() {
    checkWalLevel();
    checkReplicationPrivilege();
    ensurePublication();
    checkReplicaIdentities();
    warnings.forEach(log::warn);
    return List.copyOf(warnings);
  }

  private CdcException fatal(String message) {
    return new CdcException(message, null, config.slot(), 0, null);
  }

  private void checkWalLevel() {
    String level = catalog.setting("wal_level");
    if (!level.equals("logical")) {
      throw fatal(
          "wal_level is '"
              + level
              + "' but change capture needs 'logical': run ALTER SYSTEM SET wal_level = logical;"
              + " then restart PostgreSQL");
    }
  }

  private void checkReplicationPrivilege() {
    boolean allowed =
        catalog
            .query(
                "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user",
                List.of(),
                rs -> rs.getBoolean(1))
            .stream()
            .anyMatch(Boolean::booleanValue);
    if (!allowed) {
      String user = config.connection().user();
      throw fatal(
          "role "
              + user
              + " may not replicate: run ALTER ROLE "
              + Identifier.quote(user)
              + " WITH REPLICATION; (as a superuser)");
    }
  }

  private void ensurePublication() {
    boolean exists =
        !catalog
            .query(
                "SELECT 1 FROM pg_publication WHERE pubname = ?",
                List.of(config.publication()),
                rs -> 1)
            .isEmpty();
    String name = Identifier.quote(config.publication());
    if (!exists && !config.createPublication()) {
      throw fatal(
          "publication "
              + config.publication()
              + " does not exist: run CREATE PUBLICATION "
              + name
              + (config.tables().isEmpty() ? " FOR ALL TABLES;" : " FOR TABLE ...;"));
    }
    if (!exists) {
      catalog.execute(
          "CREATE PUBLICATION "
              + name
              + (config.tables().isEmpty()
                  ? " FOR ALL TABLES"
                  : " FOR TABLE " + TableNames.quoteAll(config.tables())));
      return;
    }
    addMissingTables(name);
  }

  private void addMissingTables(String name) {
    if (config.tables().isEmpty()) {
      return;
    }
    Set<String> published = Set.copyOf(catalog.publishedTables(config.publication()));
    List<String> missing =
        config.tables().stream()
            .filter(t -> !published.contains(TableNames.qualify(t)))
            .collect(Collectors.toList());
    if (!missing.isEmpty() && config.createPublication()) {
      catalog.execute("ALTER PUBLICATION " + name + " ADD TABLE " + TableNames.quoteAll(missing));
    } else if (!missing.isEmpty()) {
      warnings.add(
          "publication "
              + config.publication()
              + " lacks "
              + missing
              + ": run ALTER PUBLICATION "
              + name
              + " ADD TABLE "
              + TableNames.quoteAll(missing)
              + ";");
    }
  }

  private void checkReplicaIdentities() {
    List<String> unusable =
        catalog.query(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                + " FROM pg_publication_tables p"
                + " JOIN pg_namespace n ON n.nspname = p.schemaname"
                + " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = p.tablename"
                + " WHERE p.pubname = ? AND (c.relreplident = 'n' OR (c.relreplident = 'd'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_index i"
                + " WHERE i.indrelid = c.oid AND i.indisprimary)))",
            List.of(config.publication()),
            rs -> rs.getString(1));
    for (String table : unusable) {
      String message =
          "table "
              + table
              + " has no replica identity, so its UPDATEs and DELETEs fail on the source while it"
              + " is published: add a primary key, or run ALTER TABLE "
              + table
              + " REPLICA IDENTITY FULL;";
      if (config.strictReplicaIdentity()) {
        throw fatal(message);
      }
      warnings.add(message);
    }
  }
}
