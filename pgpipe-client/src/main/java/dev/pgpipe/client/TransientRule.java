package dev.pgpipe.client;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for which failures are transient: the same work may succeed if it is run again
 * later. Every module asks it through {@link PgException#isTransient()}; none keeps its own list.
 *
 * <table>
 *   <caption>Failures and whether they are retried</caption>
 *   <tr><th>failure</th><th>kind</th><th>retried</th><th>why</th></tr>
 *   <tr><td>40001 serialization_failure, 40P01 deadlock_detected</td><td>{@link Kind#CONFLICT}
 *       </td><td>yes</td><td>the server rolled the transaction back because it lost to another
 *       one; run again, it usually wins at once</td></tr>
 *   <tr><td>class 08 (connection exception)</td><td>{@link Kind#CONNECTION}</td><td>yes</td>
 *       <td>the connection broke; a new one usually works once the network or server is back</td>
 *       </tr>
 *   <tr><td>57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 57P05
 *       idle_session_timeout</td><td>{@link Kind#CONNECTION}</td><td>yes</td><td>the server ended
 *       the session (restart, failover, recovery, an idle timeout); it takes new ones
 *       again</td></tr>
 *   <tr><td>{@link ConnectionUnavailableException} (pool exhausted, server unreachable)</td>
 *       <td>{@link Kind#CONNECTION}</td><td>yes</td><td>busy connections come back and a down
 *       server comes up; except when the server refused the login (class 28) or the database
 *       does not exist (3D000): waiting fixes neither</td></tr>
 *   <tr><td>class 53 (insufficient resources: 53100 disk full, 53200 out of memory, 53300 too
 *       many connections, 53400 configuration limit)</td><td>{@link Kind#BUSY}</td><td>yes</td>
 *       <td>the server is short of something other sessions will give back. Decided once: copy
 *       and cdc retried these and the sink did not; a caller's attempt limit or deadline still
 *       bounds the wait when the shortage lasts</td></tr>
 *   <tr><td>57014 query_canceled</td><td>{@link Kind#BUSY}</td><td>yes</td><td>a statement or
 *       batch timeout on a busy server; copy's batch timeout relies on the retry. Decided once:
 *       cdc retried it and the sink did not. A caller that cancels on purpose is stopping and
 *       checks that before retrying</td></tr>
 *   <tr><td>55P03 lock_not_available</td><td>{@link Kind#BUSY}</td><td>yes</td><td>a lock timeout;
 *       the holder finishes</td></tr>
 *   <tr><td>55006 object_in_use</td><td>{@link Kind#BUSY}</td><td>yes</td><td>a replication slot
 *       still held by a walsender that is exiting after a lost connection</td></tr>
 *   <tr><td>57P04 database_dropped, 57000 operator_intervention</td><td>{@link Kind#PERMANENT}
 *       </td><td>no</td><td>someone removed the database or stopped the work on purpose. Decided
 *       once: copy and the sink retried all of 57P, cdc all of 57</td></tr>
 *   <tr><td>55000 object_not_in_prerequisite_state, 42704 undefined_object</td><td>{@link
 *       Kind#PERMANENT}</td><td>no</td><td>cdc reads them as an invalidated or missing slot and
 *       says how to fix it</td></tr>
 *   <tr><td>class 22, 23 (bad data, constraint), 42 (syntax, missing table), 28 (login), XX,
 *       everything else, and a failure without SQLSTATE</td><td>{@link Kind#PERMANENT}</td><td>
 *       no</td><td>the same statement on the same data fails the same way</td></tr>
 * </table>
 *
 * <p>How callers use it. <b>Re-running a whole transaction</b> ({@code TransactionRunner}): only
 * {@link Kind#CONFLICT}, at once and in place, because it needs no new connection and no long wait;
 * and never after {@link CommitOutcomeUnknownException} (a connection lost during COMMIT): the
 * transaction may have committed and the runner cannot know whether running it again is harmless.
 * <b>Reconnecting and going on</b> (the sink's {@code TableSink.apply}, copy's batch runner, cdc's
 * stream loop, the buffer processor): every transient kind, waiting by a {@link Backoff} until its
 * attempt limit or deadline; the sink and copy with a ledger also re-run a batch whose COMMIT
 * outcome is unknown, because their ledger turns a repeat into a no-op.
 */
final class TransientRule {

  /** What a failure means for a retry. */
  enum Kind {
    /** Lost to a concurrent transaction; re-run the transaction. */
    CONFLICT,
    /** The connection broke or none could be had; reconnect, then re-run. */
    CONNECTION,
    /** The server is short of time, locks or resources; wait, then re-run. */
    BUSY,
    /** Running the same work again fails the same way. */
    PERMANENT
  }

  private TransientRule() {}

  /** The kind of a failure with this SQLSTATE (null: no SQLSTATE). */
  static Kind of(@Nullable String sqlState) {
    if (sqlState == null) {
      return Kind.PERMANENT;
    }
    return switch (sqlState) {
      case "40001", "40P01" -> Kind.CONFLICT;
      case "57P01", "57P02", "57P03", "57P05" -> Kind.CONNECTION;
      case "57014", "55P03", "55006" -> Kind.BUSY;
      default -> ofClass(sqlState);
    };
  }

  private static Kind ofClass(String sqlState) {
    if (sqlState.startsWith("08")) {
      return Kind.CONNECTION;
    }
    return sqlState.startsWith("53") ? Kind.BUSY : Kind.PERMANENT;
  }

  /** The kind of {@code e}, with a pool's or connect's failure to lend a connection included. */
  static Kind of(PgException e) {
    Kind kind = of(e.sqlState());
    if (e instanceof ConnectionUnavailableException && kind == Kind.PERMANENT) {
      return refusedForGood(e.sqlState()) ? Kind.PERMANENT : Kind.CONNECTION;
    }
    return kind;
  }

  private static boolean refusedForGood(@Nullable String sqlState) {
    return sqlState != null && (sqlState.startsWith("28") || sqlState.equals("3D000"));
  }
}
