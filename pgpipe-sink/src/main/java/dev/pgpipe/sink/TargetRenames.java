package dev.pgpipe.sink;

import dev.pgpipe.sink.CapturedRenames.Decision;
import dev.pgpipe.sink.CapturedRenames.Rename;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out on the target, in a batch's transaction, the renames that one captured DDL message
 * holds ({@link CapturedRenames}), for the tables this sink follows: in the message's order, each
 * decided ({@link CapturedRenames#decide}) on the target's tables as the renames before it left
 * them. A rename of a table paused on this sink, or of another table onto a paused table's name, is
 * not carried out, nor any after it: the message joins the paused table's held changes instead, so
 * that its resume renames in order. When the paused table itself is renamed, its new name is
 * returned too, to be paused with it ({@link PausedTables}). Warns of the renames it leaves, once
 * the batch commits. Not thread-safe: one batch's.
 */
final class TargetRenames {

  private static final Logger log = LoggerFactory.getLogger(TargetRenames.class);

  /** How the batch carries out one action on the target table {@code schema.name}. */
  @FunctionalInterface
  interface Ddl {
    void run(String schema, String name, SchemaAction action) throws SQLException;
  }

  /**
   * What a message's renames did: the target tables they renamed or gave a renamed column, by their
   * names before and after ({@code renamed}), whose shapes the batch knew no longer hold; and the
   * paused table whose held changes the message must join instead of being applied ({@code
   * heldBy}); and when the rename held back is a paused table's own, its new name if this sink
   * follows it, which must be paused and held with it ({@code heldNewName}).
   */
  record Outcome(List<String> renamed, Optional<String> heldBy, Optional<String> heldNewName) {
    Outcome {
      renamed = List.copyOf(renamed);
    }
  }

  private static final Outcome NONE = new Outcome(List.of(), Optional.empty(), Optional.empty());

  private final Connection connection;
  private final TargetCatalog catalog;
  private final Ddl ddl;
  private final CommitNotices notices;

  TargetRenames(Connection connection, TargetCatalog catalog, Ddl ddl, CommitNotices notices) {
    this.connection = connection;
    this.catalog = catalog;
    this.ddl = ddl;
    this.notices = notices;
  }

  /**
   * Carries out {@code renames}, the renames of one message, unless a table held back stops them:
   * {@code heldBy} tells, for a table, the paused table whose held changes its own join (itself, or
   * the one it was renamed from), empty while it flows.
   */
  Outcome carryOut(List<Rename> renames, Function<String, Optional<String>> heldBy)
      throws SQLException {
    if (renames.isEmpty()) {
      return NONE; // most events: no rename, nothing to allocate
    }
    List<String> renamed = new ArrayList<>();
    for (Rename rename : renames) {
      if (!catalog.allowed(rename.schema(), rename.table())) {
        CapturedRenames.joining(rename, catalog::allowed)
            .ifPresent(warning -> notices.warn(log, "{}", warning));
        continue;
      }
      Optional<String> newName = followedNewName(rename);
      Optional<String> holder = heldBy.apply(rename.label());
      if (holder.isPresent()) {
        return new Outcome(renamed, holder, newName);
      }
      Optional<String> ontoHeld = newName.flatMap(heldBy);
      if (ontoHeld.isPresent()) { // renamed onto a paused table's name: after its resume moved it
        return new Outcome(renamed, ontoHeld, Optional.empty());
      }
      renamed.addAll(carryOut(rename));
    }
    return new Outcome(renamed, Optional.empty(), Optional.empty());
  }

  /** The new name of a table rename, when this sink follows it. */
  private Optional<String> followedNewName(Rename rename) {
    return rename.action() instanceof SchemaAction.RenameTable table
            && catalog.allowed(table.schema(), table.name())
        ? Optional.of(table.schema() + "." + table.name())
        : Optional.empty();
  }

  /** Carries out {@code rename} if the target can take it; returns the tables it renamed. */
  private List<String> carryOut(Rename rename) throws SQLException {
    String moved = rename.label();
    boolean followed = true;
    Optional<TargetShape> destination = Optional.empty();
    if (rename.action() instanceof SchemaAction.RenameTable table) {
      moved = table.schema() + "." + table.name();
      followed = catalog.allowed(table.schema(), table.name());
      destination = TargetCatalog.read(connection, table.schema(), table.name());
    }
    Optional<TargetShape> target = TargetCatalog.read(connection, rename.schema(), rename.table());
    switch (CapturedRenames.decide(rename, target, destination, followed)) {
      case Decision.Rename r -> {
        ddl.run(rename.schema(), rename.table(), rename.action());
        return List.of(rename.label(), moved);
      }
      case Decision.Skip skip -> notices.warn(log, "table {} {}", rename.label(), skip.reason());
      case Decision.Nothing n -> {}
    }
    return List.of();
  }
}
