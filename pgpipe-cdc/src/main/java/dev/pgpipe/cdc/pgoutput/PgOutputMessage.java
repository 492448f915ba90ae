package dev.pgpipe.cdc.pgoutput;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One pgoutput message. DML, Relation, Type, Truncate and Message carry the (sub)transaction id
 * when they arrive inside a Stream Start/Stop block (protocol 2+); outside a block {@code xid} is
 * 0. LSNs are unsigned longs; timestamps are exact to the microsecond.
 */
public sealed interface PgOutputMessage {

  /** {@code 'B'}: a transaction starts; {@code finalLsn} is the LSN of its commit record. */
  record Begin(long finalLsn, Instant commitTime, long xid) implements PgOutputMessage {}

  /** {@code 'C'}: the transaction begun last commits; {@code endLsn} is where to resume after. */
  record Commit(int flags, long commitLsn, long endLsn, Instant commitTime)
      implements PgOutputMessage {}

  /** {@code 'O'}: the transaction was replicated from another node. */
  record Origin(long commitLsn, String name) implements PgOutputMessage {}

  /**
   * {@code 'R'}: describes a relation before its first change on this connection and after each
   * schema change. {@code namespace} is {@code pg_catalog} when the wire said "".
   */
  record Relation(
      long xid,
      long relationId,
      String namespace,
      String name,
      char replicaIdentity,
      List<RelationColumn> columns)
      implements PgOutputMessage {
    public Relation {
      columns = List.copyOf(columns);
    }
  }

  /** {@code 'Y'}: names a non-built-in type used by a following Relation. */
  record Type(long xid, long typeOid, String namespace, String name) implements PgOutputMessage {}

  /** {@code 'I'}: a new row. */
  record Insert(long xid, long relationId, TupleData newTuple) implements PgOutputMessage {}

  /**
   * {@code 'U'}: a changed row. {@code oldKind} is {@code 'K'} (old key columns only, the key
   * changed), {@code 'O'} (whole old row, REPLICA IDENTITY FULL) or {@code 0} (no old tuple sent).
   */
  record Update(
      long xid, long relationId, char oldKind, @Nullable TupleData oldTuple, TupleData newTuple)
      implements PgOutputMessage {}

  /** {@code 'D'}: a deleted row; {@code oldKind} {@code 'K'} (key only) or {@code 'O'} (row). */
  record Delete(long xid, long relationId, char oldKind, TupleData oldTuple)
      implements PgOutputMessage {}

  /** {@code 'T'}: truncated relations; {@code options} bit 1 CASCADE, bit 2 RESTART IDENTITY. */
  record Truncate(long xid, int options, List<Long> relationIds) implements PgOutputMessage {
    public static final int CASCADE = 1;
    public static final int RESTART_IDENTITY = 2;

    public Truncate {
      relationIds = List.copyOf(relationIds);
    }
  }

  /** {@code 'M'}: a logical decoding message from {@code pg_logical_emit_message}. */
  record Message(long xid, boolean transactional, long lsn, String prefix, byte[] content)
      implements PgOutputMessage {
    @Override
    public boolean equals(Object other) {
      return other instanceof Message m
          && xid == m.xid
          && transactional == m.transactional
          && lsn == m.lsn
          && prefix.equals(m.prefix)
          && java.util.Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(xid, lsn, prefix) * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "Message[xid=" + xid + ", lsn=" + Lsn.format(lsn) + ", prefix=" + prefix + "]";
    }
  }

  /** {@code 'S'}: a chunk of an in-progress transaction follows (protocol 2+). */
  record StreamStart(long xid, boolean firstSegment) implements PgOutputMessage {}

  /** {@code 'E'}: the current chunk ends. */
  record StreamStop() implements PgOutputMessage {}

  /** {@code 'c'}: a streamed transaction commits. */
  record StreamCommit(long xid, int flags, long commitLsn, long endLsn, Instant commitTime)
      implements PgOutputMessage {}

  /**
   * {@code 'A'}: a streamed transaction ({@code subXid == xid}) or one of its subtransactions
   * aborted. {@code abortLsn} and {@code abortTime} come only with {@code streaming=parallel}
   * (protocol 4); otherwise 0 and null.
   */
  record StreamAbort(long xid, long subXid, long abortLsn, @Nullable Instant abortTime)
      implements PgOutputMessage {}
}
