package dev.pgpipe.sink.deadletter;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.sink.LetterApply;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Re-applies dead letters to a target, in their original order (commit LSN, event index, id), each
 * exactly once.
 *
 * <p>A sink letter is replayed in a target transaction of its own that locks the letter's row
 * ({@code FOR UPDATE}), applies the event through {@link LetterApply} (the sink's own apply path)
 * and deletes the letter: the row and the removal commit together or not at all, so a crash or a
 * lost connection at any point leaves either both or neither; a letter found gone was replayed or
 * discarded by someone else. A letter of another database (the buffer's) is applied with a receipt
 * ({@link Receipts}) and deleted from its store after the commit. A refused event rolls back to a
 * savepoint and its letter gets the new error and one more attempt. Letters that might overwrite a
 * newer row stay ({@link NewerRowRule}) unless forced, and a letter that stays holds the later
 * letters of its row (of its table, for a truncate or an unreadable letter). Not thread-safe; two
 * replays at once each lock (or take the receipt of) what they apply, so nothing is applied twice.
 */
public final class Replay {

  private final Database target;
  private final DeadLetterStore store;
  private final LetterApply apply;
  private final NewerRowRule rule;
  private final @Nullable Receipts receipts;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final SinkConfig config;
  private boolean prepared;

  /**
   * A replay of the sink letters in {@code target} ({@code config.schema()}), with the target's
   * conflict strategy from {@code config}.
   */
  public Replay(Database target, SinkConfig config) {
    this(DeadLetterStore.sink(target, config.schema()), target, config);
  }

  /**
   * A replay of {@code store}'s letters into {@code target}. A {@link Origin#SINK} store must be in
   * {@code target} (it is where the sink wrote it); any other store may be elsewhere, and its
   * letters are replayed with a receipt on the target ({@link Receipts}).
   */
  public Replay(DeadLetterStore store, Database target, SinkConfig config) {
    this.target = target;
    this.store = store;
    this.apply = new LetterApply(target, config);
    this.rule = new NewerRowRule(apply);
    this.receipts = store.origin() == Origin.SINK ? null : new Receipts(config.schema());
    this.config = config;
  }

  /**
   * Replays the letters {@code filter} selects, reporting each outcome to {@code progress} as it
   * commits.
   *
   * @param force apply letters the {@link NewerRowRule} would keep
   * @return every outcome, in replay order
   * @throws dev.pgpipe.client.PgException when the target fails for a reason that is not a letter's
   *     (connection lost, commit outcome unknown): what committed stays, run it again
   */
  public List<ReplayOutcome> run(
      LetterFilter filter, boolean force, Consumer<ReplayOutcome> progress) {
    List<ReplayOutcome> outcomes = new ArrayList<>();
    Map<String, String> held = new HashMap<>();
    prepare();
    for (DeadLetter letter : store.list(filter)) {
      ReplayOutcome outcome = replay(letter, force, held);
      outcomes.add(outcome);
      progress.accept(outcome);
    }
    return outcomes;
  }

  private ReplayOutcome replay(DeadLetter letter, boolean force, Map<String, String> held) {
    ChangeEvent event;
    try {
      event = codec.decodeEvent(letter.event());
    } catch (RuntimeException e) {
      return hold(
          new ReplayOutcome.Unreadable(letter, String.valueOf(e.getMessage())),
          tableKey(letter),
          held);
    }
    boolean truncate = event.operation() == Operation.TRUNCATE;
    String key = truncate ? tableKey(letter) : rowKey(letter, event);
    Optional<String> blocker = blocker(held, key, tableKey(letter), truncate);
    if (blocker.isPresent()) {
      return hold(new ReplayOutcome.Held(letter, blocker.get()), key, held);
    }
    ReplayOutcome outcome =
        receipts == null
            ? inPlace(letter, event, force)
            : withReceipt(receipts, letter, event, force);
    return outcome instanceof ReplayOutcome.Applied || outcome instanceof ReplayOutcome.Gone
        ? outcome
        : hold(outcome, key, held);
  }

  /**
   * The letter that stayed and comes before this one in its row (any row of its table, for a
   * truncate; a truncate that stayed, for a row).
   */
  private static Optional<String> blocker(
      Map<String, String> held, String key, String table, boolean truncate) {
    if (held.containsKey(key)) {
      return Optional.of(held.get(key));
    }
    if (held.containsKey(table)) {
      return Optional.of(held.get(table));
    }
    if (truncate) {
      return held.entrySet().stream()
          .filter(e -> e.getKey().startsWith(table + " "))
          .map(Map.Entry::getValue)
          .findFirst();
    }
    return Optional.empty();
  }

  /**
   * Once per instance: creates the sink's tables on the target when missing (a target the sink
   * never wrote), adds the columns replays write to a store of an older version, and creates the
   * receipts' table.
   */
  private void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    TableSink.using(target, config); // the ledger and dead-letter tables replays write, if new
    Database letters = store.database();
    letters.useTransaction(tx -> letters.withJdbcConnection(store.sql()::upgrade));
    Receipts r = receipts;
    if (r != null) {
      target.useTransaction(
          tx ->
              target.withJdbcConnection(
                  c -> {
                    r.create(c);
                    return Boolean.TRUE;
                  }));
    }
  }

  /** A sink letter: applied and removed in one target transaction. */
  private ReplayOutcome inPlace(DeadLetter letter, ChangeEvent event, boolean force) {
    return target.inTransaction(
        tx -> target.withJdbcConnection(c -> inPlace(tx, c, letter, event, force)));
  }

  private ReplayOutcome inPlace(
      RunningTransaction tx, Connection c, DeadLetter letter, ChangeEvent event, boolean force)
      throws SQLException {
    StoreSql sql = store.sql();
    LetterFilter one = new LetterFilter(List.of(letter.id()), null, null, null);
    if (sql.select(c, one, " FOR UPDATE").isEmpty()) {
      return new ReplayOutcome.Gone(letter);
    }
    ReplayOutcome outcome = applyOrKeep(tx, c, letter, event, force);
    return switch (outcome) {
      case ReplayOutcome.Applied a -> {
        sql.delete(c, one);
        yield a;
      }
      case ReplayOutcome.FailedAgain f ->
          new ReplayOutcome.FailedAgain(
              letter, f.error(), f.sqlState(), sql.failed(c, letter.id(), f.error(), f.sqlState()));
      default -> outcome;
    };
  }

  /**
   * A letter of another database: applied with its receipt in one target transaction, then removed
   * from (or, refused, updated in) its store. A receipt found means an earlier replay applied it
   * and stopped before removing it.
   */
  private ReplayOutcome withReceipt(
      Receipts r, DeadLetter letter, ChangeEvent event, boolean force) {
    ReplayOutcome outcome =
        target.inTransaction(
            tx ->
                target.withJdbcConnection(
                    c -> {
                      if (!r.take(c, letter)) {
                        return new ReplayOutcome.Gone(letter);
                      }
                      ReplayOutcome o = applyOrKeep(tx, c, letter, event, force);
                      if (!(o instanceof ReplayOutcome.Applied)) {
                        r.release(c, letter);
                      }
                      return o;
                    }));
    Database letters = store.database();
    LetterFilter one = new LetterFilter(List.of(letter.id()), null, null, null);
    switch (outcome) {
      case ReplayOutcome.Applied a -> store.discard(one);
      case ReplayOutcome.Gone g -> store.discard(one);
      case ReplayOutcome.FailedAgain f ->
          letters.useTransaction(
              tx ->
                  letters.withJdbcConnection(
                      c -> store.sql().failed(c, letter.id(), f.error(), f.sqlState())));
      default -> {}
    }
    return outcome;
  }

  private ReplayOutcome applyOrKeep(
      RunningTransaction tx, Connection c, DeadLetter letter, ChangeEvent event, boolean force)
      throws SQLException {
    if (!force) {
      Optional<String> why = rule.check(c, event);
      if (why.isPresent()) {
        return new ReplayOutcome.Superseded(letter, why.get());
      }
    }
    Optional<LetterApply.Refusal> refusal = apply.apply(tx, c, event, letter.commitLsn());
    return refusal.isEmpty()
        ? new ReplayOutcome.Applied(letter)
        : new ReplayOutcome.FailedAgain(
            letter, refusal.get().message(), refusal.get().sqlState(), letter.attempts() + 1);
  }

  /** Records that the letter stayed, so later letters of its row (or table) wait behind it. */
  private static ReplayOutcome hold(ReplayOutcome outcome, String key, Map<String, String> held) {
    held.putIfAbsent(key, outcome.letter().ref());
    return outcome;
  }

  private static String tableKey(DeadLetter letter) {
    return letter.qualifiedTable();
  }

  /**
   * The letter's row: its table and key values (those of the old row for an update that moved the
   * key, which is the row it changes). Without a decoded event, the table stands for the row.
   */
  private static String rowKey(DeadLetter letter, ChangeEvent event) {
    TableSchema table = event.table();
    if (table == null) {
      return tableKey(letter);
    }
    var row = event.before() != null ? event.before() : event.after();
    return letter.qualifiedTable() + " " + NewerRowRule.describe(NewerRowRule.key(table, row));
  }
}
