package dev.pgpipe.cdc;

import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Begin;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Commit;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Delete;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Insert;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Message;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamAbort;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamCommit;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamStart;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Truncate;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Update;
import dev.pgpipe.cdc.value.TypeRegistry;
import dev.pgpipe.cdc.value.ValueDecoder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns decoded pgoutput messages into committed {@link Transaction}s: relation cache, row
 * decoding, filters, per-transaction buffers (spilling large ones), streamed transactions (protocol
 * 2) with subtransaction aborts, and splitting into parts. Completed transactions go to {@code
 * out}, which may block. No sockets, no SQL (catalog questions go to {@link CatalogLookup}). Not
 * thread-safe: owned by the reading thread.
 */
final class TransactionAssembler {

  /**
   * Prefix of the heartbeat messages pgpipe writes; they advance the slot and are not delivered.
   */
  static final String HEARTBEAT_PREFIX = "pgpipe.heartbeat";

  private final RelationCache relations;
  private final RowDecoder rows;
  private final EventFilter filter;
  private final int maxEventsPerPart;
  private final Path spillDirectory;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final Consumer<Transaction> out;
  private final Map<Long, OpenTransaction> streamed = new HashMap<>();
  private @Nullable OpenTransaction current;
  private long streamXid;
  private long skipThrough;
  private long peakInMemory;

  TransactionAssembler(
      TypeRegistry types,
      CatalogLookup catalog,
      EventFilter filter,
      Tuning tuning,
      Consumer<Transaction> out) {
    this.relations = new RelationCache(types, catalog, filter);
    this.rows = new RowDecoder(new ValueDecoder(types));
    this.filter = filter;
    this.maxEventsPerPart = tuning.maxEventsPerPart();
    this.spillDirectory = tuning.spillDirectory();
    this.out = out;
  }

  /** Transactions ending at or before this LSN are dropped (already delivered or confirmed). */
  void skipThrough(long lsn) {
    skipThrough = Math.max(skipThrough, lsn);
  }

  /** Whether a transaction has begun and not yet committed or aborted. */
  boolean hasOpenTransactions() {
    return current != null || !streamed.isEmpty();
  }

  /** The most events any open transaction held in memory at once. */
  long peakEventsInMemory() {
    return peakInMemory;
  }

  /** Handles one message; {@code walStart} is the LSN of its XLogData frame. */
  void accept(PgOutputMessage message, long walStart) {
    switch (message) {
      case Begin begin -> begin(begin, walStart);
      case Commit commit -> commit(commit);
      case PgOutputMessage.Relation relation -> relations.update(relation);
      case Insert insert -> insert(insert, walStart);
      case Update update -> update(update, walStart);
      case Delete delete -> delete(delete, walStart);
      case Truncate truncate -> truncate(truncate, walStart);
      case Message logical -> message(logical, walStart);
      case StreamStart start -> streamStart(start, walStart);
      case PgOutputMessage.StreamStop stop -> streamXid = 0;
      case StreamCommit commit -> streamCommit(commit);
      case StreamAbort abort -> streamAbort(abort);
      case PgOutputMessage.Origin origin -> {}
      case PgOutputMessage.Type type -> {}
    }
  }

  /** Drops every open transaction and the relation cache: the next connection resends them. */
  void reset() {
    if (current != null) {
      current.close();
      current = null;
    }
    streamed.values().forEach(OpenTransaction::close);
    streamed.clear();
    streamXid = 0;
    relations.clear();
  }

  private OpenTransaction open(long xid, long beginLsn, Instant commitTime, boolean isStreamed) {
    return new OpenTransaction(
        xid,
        beginLsn,
        commitTime,
        isStreamed,
        new TxBuffer(maxEventsPerPart, spillDirectory, codec));
  }

  private void begin(Begin begin, long walStart) {
    if (current != null) {
      current.close();
    }
    current = open(begin.xid(), walStart, begin.commitTime(), false);
  }

  private void commit(Commit commit) {
    OpenTransaction tx = current;
    current = null;
    if (tx == null) {
      throw new CdcException("Commit without Begin", null, "", commit.commitLsn(), null);
    }
    emit(tx, commit.commitLsn(), commit.endLsn(), commit.commitTime());
  }

  private void streamStart(StreamStart start, long walStart) {
    streamXid = start.xid();
    streamed.computeIfAbsent(start.xid(), xid -> open(xid, walStart, Instant.EPOCH, true));
  }

  private void streamCommit(StreamCommit commit) {
    OpenTransaction tx = streamed.remove(commit.xid());
    if (tx == null) {
      throw new CdcException(
          "Stream Commit of unknown transaction " + commit.xid(),
          null,
          "",
          commit.commitLsn(),
          null);
    }
    emit(tx, commit.commitLsn(), commit.endLsn(), commit.commitTime());
  }

  private void streamAbort(StreamAbort abort) {
    if (abort.subXid() == abort.xid()) {
      OpenTransaction tx = streamed.remove(abort.xid());
      if (tx != null) {
        tx.close();
      }
    } else {
      OpenTransaction tx = streamed.get(abort.xid());
      if (tx != null) {
        tx.buffer.abort(abort.subXid());
      }
    }
  }

  /** The transaction a change belongs to: the streamed one inside a block, else the current. */
  private @Nullable OpenTransaction target(long xid) {
    if (xid != 0 && streamXid != 0) {
      return streamed.get(streamXid);
    }
    return current;
  }

  private void add(long xid, OpenTransaction tx, ChangeEvent event) {
    tx.buffer.add(xid, event);
    tx.nextIndex++;
    peakInMemory = Math.max(peakInMemory, tx.buffer.inMemory());
  }

  private RelationCache.@Nullable Entry wanted(long relationId, Operation op, long lsn) {
    RelationCache.Entry relation = relations.get(relationId);
    if (relation == null) {
      throw new CdcException(
          "change to relation " + relationId + " before its Relation message", null, "", lsn, null);
    }
    return relation.accepted() && filter.accepts(op) ? relation : null;
  }

  private EventPosition position(OpenTransaction tx, long lsn) {
    return new EventPosition(lsn, tx.xid, tx.commitTime, tx.nextIndex);
  }

  private void insert(Insert insert, long lsn) {
    OpenTransaction tx = require(target(insert.xid()), "Insert", lsn);
    RelationCache.Entry relation = wanted(insert.relationId(), Operation.INSERT, lsn);
    if (relation != null) {
      var after = rows.row(insert.newTuple(), relation, false, lsn);
      add(insert.xid(), tx, event(Operation.INSERT, relation, null, after, position(tx, lsn)));
    }
  }

  private void update(Update update, long lsn) {
    OpenTransaction tx = require(target(update.xid()), "Update", lsn);
    RelationCache.Entry relation = wanted(update.relationId(), Operation.UPDATE, lsn);
    if (relation != null) {
      var old = update.oldTuple();
      var before = old == null ? null : rows.row(old, relation, update.oldKind() == 'K', lsn);
      var after = rows.row(update.newTuple(), relation, false, lsn);
      add(update.xid(), tx, event(Operation.UPDATE, relation, before, after, position(tx, lsn)));
    }
  }

  private void delete(Delete delete, long lsn) {
    OpenTransaction tx = require(target(delete.xid()), "Delete", lsn);
    RelationCache.Entry relation = wanted(delete.relationId(), Operation.DELETE, lsn);
    if (relation != null) {
      var before = rows.row(delete.oldTuple(), relation, delete.oldKind() == 'K', lsn);
      add(delete.xid(), tx, event(Operation.DELETE, relation, before, null, position(tx, lsn)));
    }
  }

  private void truncate(Truncate truncate, long lsn) {
    OpenTransaction tx = require(target(truncate.xid()), "Truncate", lsn);
    for (long relationId : truncate.relationIds()) {
      RelationCache.Entry relation = wanted(relationId, Operation.TRUNCATE, lsn);
      if (relation != null) {
        add(
            truncate.xid(),
            tx,
            new ChangeEvent(
                Operation.TRUNCATE,
                relation.schema(),
                null,
                null,
                null,
                truncate.options(),
                position(tx, lsn)));
      }
    }
  }

  private void message(Message message, long lsn) {
    OpenTransaction tx = message.transactional() ? target(message.xid()) : null;
    if (message.prefix().equals(HEARTBEAT_PREFIX)
        || message.prefix().equals(SnapshotMark.PREFIX)
        || !filter.accepts(Operation.MESSAGE)) {
      return;
    }
    LogicalMessage content =
        new LogicalMessage(message.prefix(), message.content(), message.transactional());
    if (tx != null) {
      add(message.xid(), tx, messageEvent(content, position(tx, lsn)));
      return;
    }
    Instant now = Instant.now();
    ChangeEvent event = messageEvent(content, new EventPosition(message.lsn(), 0, now, 0));
    if (message.lsn() > skipThrough) {
      out.accept(
          new Transaction(
              0, message.lsn(), message.lsn(), message.lsn(), now, List.of(event), 0, true));
    }
  }

  private static ChangeEvent messageEvent(LogicalMessage content, EventPosition position) {
    return new ChangeEvent(Operation.MESSAGE, null, null, null, content, 0, position);
  }

  private static ChangeEvent event(
      Operation op,
      RelationCache.Entry relation,
      @Nullable Map<String, @Nullable Object> before,
      @Nullable Map<String, @Nullable Object> after,
      EventPosition position) {
    return new ChangeEvent(op, relation.schema(), before, after, null, 0, position);
  }

  private static OpenTransaction require(@Nullable OpenTransaction tx, String what, long lsn) {
    if (tx == null) {
      throw new CdcException(what + " outside a transaction", null, "", lsn, null);
    }
    return tx;
  }

  private void emit(OpenTransaction tx, long commitLsn, long endLsn, Instant commitTime) {
    try (tx) {
      if (endLsn <= skipThrough) {
        return;
      }
      PartSplitter parts =
          new PartSplitter(tx, commitLsn, endLsn, commitTime, maxEventsPerPart, out);
      tx.buffer.forEach(parts::add);
      parts.finish();
    }
  }
}
