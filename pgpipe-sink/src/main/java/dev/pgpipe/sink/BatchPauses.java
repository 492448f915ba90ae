package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch's view of its source's paused tables ({@link PausedTables}), for {@link
 * SchemaFollower}: which tables are paused, each with the table whose held changes its own join;
 * which one the batch resumes, with the tables held with it; and the pausing and holding the batch
 * does, in its transaction. What the batch paused stays paused for its later runs of events before
 * it commits. Not thread-safe.
 */
final class BatchPauses {

  /** {@link SchemaFollower}'s, under which pauses were always logged (alerts may filter on it). */
  private static final Logger log = LoggerFactory.getLogger(SchemaFollower.class);

  private final Connection connection;
  private final PausedTables pausedTables;
  private final String sourceId;
  private final CommitNotices notices;
  private final Map<String, String> pausedHere = new HashMap<>();
  private Map<String, String> paused = new HashMap<>();
  private Set<String> resuming = Set.of();
  private String resumed = "";

  BatchPauses(
      Connection connection, PausedTables pausedTables, String sourceId, CommitNotices notices) {
    this.connection = connection;
    this.pausedTables = pausedTables;
    this.sourceId = sourceId;
    this.notices = notices;
  }

  /**
   * Makes this the batch of the resume of {@code label}, which is paused: the held changes of it
   * and of the tables held with it (its new names) are to be applied, not held.
   */
  void resuming(String label) throws SQLException {
    Set<String> held = new HashSet<>(Set.of(label));
    pausedTables.paused(connection, sourceId).entrySet().stream()
        .filter(e -> e.getValue().equals(label))
        .forEach(e -> held.add(e.getKey()));
    this.resuming = Set.copyOf(held);
    this.resumed = label;
  }

  /**
   * Starts a run of events with {@code stored}, the paused tables as read in the batch's
   * transaction (label → holder), plus those the batch paused itself. Keeps {@code stored}, a map
   * of the caller's own making, and adds to it.
   */
  void read(Map<String, String> stored) {
    paused = stored;
    paused.putAll(pausedHere);
  }

  /** Whether the changes of {@code label} are held: it is paused and not being resumed. */
  boolean holds(String label) {
    return paused.containsKey(label) && !resuming.contains(label);
  }

  /** Whether the batch resumes {@code label}, so that its held changes are applied. */
  boolean resumes(String label) {
    return resuming.contains(label);
  }

  /** The table whose held changes those of {@code label} join, if they are held. */
  Optional<String> holderOf(String label) {
    return resuming.contains(label) ? Optional.empty() : Optional.ofNullable(paused.get(label));
  }

  /**
   * Pauses {@code shape}'s table from {@code event} on, for {@code problems}, with a warning once
   * the batch commits.
   */
  void pause(TableSchema shape, ChangeEvent event, List<String> problems) throws SQLException {
    String label = shape.qualifiedName();
    String reason = String.join("; ", problems);
    pausedTables.pause(connection, sourceId, label, shape.relationId(), reason, event.lsn());
    paused.put(label, label);
    pausedHere.put(label, label);
    notices.warn(
        log,
        "table {} paused at LSN {}: {}. Its changes are held in order; other tables go on. Fix"
            + " the target table, then run: pgpipe sink resume {}",
        label,
        Lsn.format(event.lsn()),
        reason,
        label);
  }

  /** Pauses {@code table}, a held table's new name, with {@code holder} ({@link PausedTables}). */
  void pauseRenamed(String table, String holder, long lsn) throws SQLException {
    pausedTables
        .pauseRenamed(connection, sourceId, table, holder, paused.get(table), lsn)
        .ifPresent(reason -> notices.warn(log, "table {} paused: {}", table, reason));
    paused.put(table, holder);
    pausedHere.put(table, holder);
  }

  /** Holds {@code changes}, in order, each with the table its own is held with; empties it. */
  void hold(List<Pending> changes) throws SQLException {
    if (!changes.isEmpty()) {
      pausedTables.hold(connection, sourceId, paused, changes);
      changes.clear();
    }
  }

  /** Holds {@code change} with the held changes of {@code holder}. */
  void hold(String holder, Pending change) throws SQLException {
    pausedTables.hold(connection, sourceId, holder, List.of(change));
  }

  /** The tables this batch paused. */
  Set<String> pausedHere() {
    return pausedHere.keySet();
  }

  /** A held change of {@code shape} that the resume cannot apply. */
  SinkException cannotResume(TableSchema shape, ChangeEvent event, List<String> what) {
    return new SinkException(
        "table "
            + shape.qualifiedName()
            + " cannot follow its source at LSN "
            + Lsn.format(event.lsn())
            + ": "
            + String.join("; ", what)
            + ". Fix the target table, then run pgpipe sink resume "
            + resumed
            + " again");
  }
}
