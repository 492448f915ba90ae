package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the target's tables in the shape of the source's, from the shapes the events carry (each
 * event names the Relation message it was decoded against). A shape not yet known to fit the target
 * is compared, inside the batch's transaction, with the target's catalog and with the previous
 * shape of the same source relation ({@link ShapeDiff}); the safe changes are made there and then
 * ({@link TargetDdl}), so they commit or roll back with the rows that need them, and a replay
 * redoes both. Thread-safe; what a batch learned becomes the follower's only once the batch
 * committed ({@link Batch#committed()}).
 */
final class SchemaFollower {

  private static final Logger log = LoggerFactory.getLogger(SchemaFollower.class);

  private final SinkConfig config;
  private final TargetCatalog catalog;
  private final PausedTables pausedTables;
  private final boolean active;
  private final Map<Object, TableSchema> shapes = new HashMap<>();
  private final Map<String, TableSchema> fitting = new HashMap<>();
  private @Nullable Set<String> paused;

  SchemaFollower(SinkConfig config, TargetCatalog catalog, PausedTables pausedTables) {
    this(config, catalog, pausedTables, true);
  }

  private SchemaFollower(
      SinkConfig config, TargetCatalog catalog, PausedTables pausedTables, boolean active) {
    this.config = config;
    this.catalog = catalog;
    this.pausedTables = pausedTables;
    this.active = active;
  }

  /**
   * A follower that changes nothing and pauses nothing: events meet the target as it is, and a
   * missing table or column refuses them (dead-letter replay, which reports such a refusal).
   */
  static SchemaFollower inactive(SinkConfig config, TargetCatalog catalog) {
    return new SchemaFollower(config, catalog, new PausedTables(config.schema()), false);
  }

  /** The tables paused for this sink's source, as of its last batch ({@code schema.name}). */
  synchronized Set<String> paused() {
    Set<String> known = paused;
    return known == null ? Set.of() : Set.copyOf(known);
  }

  /**
   * The paused tables, read inside the batch's transaction (after the ledger lock, which {@link
   * TableSink#resume} takes too) unless none was paused at the last look: only this follower pauses
   * tables of its source, and a resume only ever removes pauses.
   */
  private Map<String, String> pausedNow(Connection connection) throws SQLException {
    synchronized (this) {
      if (paused != null && paused.isEmpty()) {
        return new HashMap<>();
      }
    }
    Map<String, String> found = pausedTables.paused(connection, config.sourceId());
    synchronized (this) {
      paused = Set.copyOf(found.keySet());
    }
    return found;
  }

  /**
   * Starts following the events of one batch, applied through {@code connection}; what it changes
   * on the target is logged through {@code notices}.
   */
  Batch begin(Connection connection, CommitNotices notices) {
    return new Batch(connection, notices);
  }

  private synchronized @Nullable TableSchema committedShape(Object relation) {
    return shapes.get(relation);
  }

  private synchronized boolean fits(String label, TableSchema shape) {
    TableSchema known = fitting.get(label);
    return known == shape || (known != null && known.equals(shape));
  }

  private synchronized void learn(
      Map<Object, TableSchema> seen,
      Map<String, TableSchema> fit,
      Set<String> nowPaused,
      Set<String> renamed) {
    shapes.putAll(seen);
    fitting.keySet().removeAll(renamed);
    fitting.putAll(fit);
    if (!nowPaused.isEmpty()) {
      Set<String> all = new HashSet<>(paused == null ? Set.of() : paused);
      all.addAll(nowPaused);
      paused = Set.copyOf(all);
    }
  }

  private static Object relation(TableSchema shape) {
    return shape.relationId() != 0 ? shape.relationId() : shape.qualifiedName();
  }

  /**
   * One batch's view: the target tables it checked or changed, as its transaction sees them, over
   * the catalog's. Not thread-safe.
   */
  final class Batch implements TableLookup {
    private final Connection connection;
    private final Map<String, TargetTable> changed = new HashMap<>();
    private final Map<Object, TableSchema> seen = new HashMap<>();
    private final Map<String, TableSchema> fit = new HashMap<>();
    private final Map<TableSchema, Optional<String>> followed = new IdentityHashMap<>();
    private final List<String> deferred = new ArrayList<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<String> renamed = new HashSet<>();
    private final TargetRenames targetRenames;
    private final BatchPauses pauses;
    private final CommitNotices notices;

    private Batch(Connection connection, CommitNotices notices) {
      this.connection = connection;
      this.notices = notices;
      this.targetRenames = new TargetRenames(connection, catalog, this::run, notices);
      this.pauses = new BatchPauses(connection, pausedTables, config.sourceId(), notices);
    }

    /**
     * Follows the held changes of {@code label}, which is paused, and of the tables held with it
     * (its new names): problems are thrown.
     */
    void resuming(String label) throws SQLException {
      pauses.resuming(label);
    }

    /**
     * Brings the target in line with every shape among the events, in their order; holds the events
     * of paused tables, and pauses a table whose shape the target cannot follow safely; carries out
     * the renames of the run's first event ({@link CapturedRenames.Run}: the others carry none, and
     * no event is read for renames here). Returns the events to apply, in order.
     *
     * @throws SinkException when resuming a table that still cannot follow its source
     */
    List<Pending> prepare(CapturedRenames.Run run) throws SQLException {
      List<Pending> todo = run.events();
      if (!active) {
        return todo;
      }
      pauses.read(pausedNow(connection));
      List<Pending> apply = new ArrayList<>(todo.size());
      List<Pending> hold = new ArrayList<>();
      for (int i = 0; i < todo.size(); i++) {
        Pending pending = todo.get(i);
        ChangeEvent event = pending.event();
        TableSchema shape = event.table();
        Optional<String> whitelisted = shape == null ? Optional.empty() : followed(shape);
        if (shape == null || event.operation() == Operation.MESSAGE || whitelisted.isEmpty()) {
          passOn(pending, run.renamesAt(i), apply, hold);
          continue;
        }
        String label = whitelisted.get();
        if (pauses.holds(label)) {
          hold.add(pending);
          continue;
        }
        List<String> problems = check(label, shape, event);
        if (!problems.isEmpty()) {
          if (pauses.resumes(label)) {
            throw pauses.cannotResume(shape, event, problems);
          }
          pauses.pause(shape, event, problems);
          hold.add(pending);
          continue;
        }
        apply.add(pending);
      }
      pauses.hold(hold);
      return apply;
    }

    /**
     * The label of a whitelisted table, or empty: found once per shape instance, as the events of
     * one relation share theirs.
     */
    private Optional<String> followed(TableSchema shape) {
      return followed.computeIfAbsent(
          shape,
          s ->
              catalog.allowed(s.schema(), s.name())
                  ? Optional.of(s.qualifiedName())
                  : Optional.empty());
    }

    /**
     * An event without a followed table's rows (a message, another table's): applied, after the
     * {@code captured} renames it carries ({@link TargetRenames}), or held with a paused table's
     * changes, after those {@code hold} has gathered so far.
     */
    private void passOn(
        Pending pending,
        List<CapturedRenames.Rename> captured,
        List<Pending> apply,
        List<Pending> hold)
        throws SQLException {
      TargetRenames.Outcome outcome = targetRenames.carryOut(captured, pauses::holderOf);
      outcome.renamed().forEach(this::forget);
      if (outcome.heldBy().isEmpty()) {
        apply.add(pending);
        return;
      }
      String holder = outcome.heldBy().get();
      pauses.hold(hold);
      pauses.hold(holder, pending);
      if (outcome.heldNewName().isPresent()) {
        pauses.pauseRenamed(outcome.heldNewName().get(), holder, pending.event().lsn());
      }
    }

    /** The batch's shapes of {@code label} no longer hold: its target table was renamed. */
    private void forget(String label) {
      changed.remove(label);
      fit.remove(label);
      touched.add(label);
      renamed.add(label);
    }

    /** Problems that keep the shape from being applied; none once the target fits it. */
    private List<String> check(String label, TableSchema shape, ChangeEvent event)
        throws SQLException {
      TableSchema checked = fit.get(label);
      if (checked == shape || (checked != null && checked.equals(shape))) {
        return List.of();
      }
      if (checked == null && fits(label, shape)) {
        fit.put(label, shape);
        return List.of();
      }
      return follow(shape);
    }

    private List<String> follow(TableSchema shape) throws SQLException {
      String label = shape.qualifiedName();
      TableSchema previous = pauses.resumes(label) ? null : seen.get(relation(shape));
      if (previous == null && !pauses.resumes(label)) {
        previous = committedShape(relation(shape));
      }
      seen.put(relation(shape), shape);
      Optional<TargetShape> target = TargetCatalog.read(connection, shape.schema(), shape.name());
      ShapeDiff diff =
          target.isEmpty()
              ? created(shape)
              : ShapeDiff.of(
                  shape, previous, target.get(), config.createTables(), config.dropColumns());
      if (!diff.problems().isEmpty()) {
        return diff.problems();
      }
      List<SchemaAction> actions = diff.actions();
      for (SchemaAction action : actions) {
        run(shape.schema(), shape.name(), action);
      }
      if (!actions.isEmpty()) {
        target = TargetCatalog.read(connection, shape.schema(), shape.name());
        touched.add(label);
      }
      if (target.isEmpty() || target.get().key().isEmpty()) {
        return List.of(
            "the target table has no primary key (the source's replica identity is "
                + shape.replicaIdentity()
                + "): add one on the target");
      }
      changed.put(label, target.get().table());
      fit.put(label, shape);
      return List.of();
    }

    private ShapeDiff created(TableSchema shape) {
      return config.createTables()
          ? new ShapeDiff(List.of(new SchemaAction.CreateTable(shape)), List.of())
          : new ShapeDiff(
              List.of(),
              List.of(
                  "the target has no table "
                      + shape.qualifiedName()
                      + " (and creating tables is turned off): create it on the target"));
    }

    private void run(String schema, String name, SchemaAction action) throws SQLException {
      List<String> statements = TargetDdl.statements(schema, name, action);
      if (action instanceof SchemaAction.DropColumn) {
        deferred.addAll(statements); // rows of the older shapes in this batch still write it
        return;
      }
      try (Statement s = connection.createStatement()) {
        for (String sql : statements) {
          s.execute(sql);
        }
      }
      notices.info(log, "target {}.{}: {}", schema, name, action);
    }

    /** Runs what had to wait for the batch's rows (dropped columns). */
    void finish() throws SQLException {
      try (Statement s = connection.createStatement()) {
        for (String sql : deferred) {
          s.execute(sql);
          notices.info(log, "target: {}", sql);
        }
      }
    }

    /** The batch committed: what it learned about shapes and tables now holds. */
    void committed() {
      learn(seen, fit, pauses.pausedHere(), renamed);
      touched.forEach(catalog::forget);
    }

    @Override
    public boolean allowed(String schema, String name) {
      return catalog.allowed(schema, name);
    }

    @Override
    public Optional<TargetTable> table(String schema, String name) {
      TargetTable table = changed.get(schema + "." + name);
      return table != null ? Optional.of(table) : catalog.table(schema, name);
    }
  }
}
