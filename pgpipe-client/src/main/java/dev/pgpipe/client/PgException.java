package dev.pgpipe.client;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A failure talking to PostgreSQL, with the facts the server gave.
 *
 * <p>Branch on {@link #sqlState()} or the predicates ({@link #isUniqueViolation()}, ...), never on
 * the message text. Subtypes mark outcomes a caller must treat differently: {@link
 * QueryCancelledException}, {@link CommitOutcomeUnknownException}, {@link
 * ConnectionUnavailableException}.
 */
public class PgException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ServerError server;

  /** A failure with what the server said about it. */
  public PgException(String message, ServerError server, @Nullable Throwable cause) {
    super(message, cause);
    this.server = server;
  }

  /** A failure with the given facts; {@code position} is 0 when the server named none. */
  public PgException(
      String message,
      @Nullable String sqlState,
      @Nullable String detail,
      @Nullable String hint,
      int position,
      @Nullable Throwable cause) {
    this(message, new ServerError(sqlState, detail, hint, position, null, null, null, null), cause);
  }

  /** A client-side failure with no server facts. */
  public PgException(String message, @Nullable Throwable cause) {
    this(message, ServerError.of(null), cause);
  }

  /** Wraps a driver exception, keeping the server's facts; {@code context} says what was done. */
  public static PgException from(SQLException e, String context) {
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String message =
        context + ": " + firstLine(server == null ? e.getMessage() : server.getMessage());
    ServerError facts = ServerError.of(e.getSQLState(), server);
    if (SqlStates.QUERY_CANCELED.equals(facts.sqlState())) {
      return new QueryCancelledException(message, facts, e);
    }
    return new PgException(message, facts, e);
  }

  private static String firstLine(@Nullable String text) {
    if (text == null) {
      return "(no message)";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** Everything the server said about the failure. */
  public ServerError server() {
    return server;
  }

  /** The five-character SQLSTATE, or null when the failure did not come from the server. */
  public @Nullable String sqlState() {
    return server.sqlState();
  }

  /** The server's DETAIL, or null. */
  public @Nullable String detail() {
    return server.detail();
  }

  /** The server's HINT, or null. */
  public @Nullable String hint() {
    return server.hint();
  }

  /** The 1-based character position in the statement the server pointed at, or 0. */
  public int position() {
    return server.position();
  }

  /** The server's CONTEXT ({@code COPY t, line 3}, a PL/pgSQL stack), or null. */
  public @Nullable String where() {
    return server.where();
  }

  /** 40001: the transaction lost a serialization conflict and may succeed when retried. */
  public boolean isSerializationFailure() {
    return SqlStates.SERIALIZATION_FAILURE.equals(sqlState());
  }

  /** 40P01: the transaction was chosen as a deadlock victim and may succeed when retried. */
  public boolean isDeadlock() {
    return SqlStates.DEADLOCK_DETECTED.equals(sqlState());
  }

  /**
   * Whether the server rolled the transaction back because it lost to a concurrent one
   * (serialization failure or deadlock): re-running the whole transaction at once may succeed. The
   * conflict part of {@link #isTransient()}; the only failures a transaction is re-run for in
   * place.
   */
  public boolean isRetryable() {
    return TransientRule.of(sqlState()) == TransientRule.Kind.CONFLICT;
  }

  /**
   * Whether the same work may succeed if it is run again later: a conflict, a lost connection, a
   * server restarting or short of resources, a timeout. Decided by one documented table ({@code
   * TransientRule}) for every module. It says nothing about whether running the work again is
   * <em>safe</em>: after a {@link CommitOutcomeUnknownException} only idempotent work may be
   * re-run.
   */
  public boolean isTransient() {
    return TransientRule.of(this) != TransientRule.Kind.PERMANENT;
  }

  /** 23505. */
  public boolean isUniqueViolation() {
    return "23505".equals(sqlState());
  }

  /** 23503. */
  public boolean isForeignKeyViolation() {
    return "23503".equals(sqlState());
  }

  /** 23502. */
  public boolean isNotNullViolation() {
    return "23502".equals(sqlState());
  }

  /** 23514. */
  public boolean isCheckViolation() {
    return "23514".equals(sqlState());
  }

  /** 42P01: the table or view does not exist. */
  public boolean isUndefinedTable() {
    return "42P01".equals(sqlState());
  }

  /** 28P01 or 28000: the server refused the credentials. */
  public boolean isAuthenticationFailure() {
    String state = sqlState();
    return state != null && state.startsWith("28");
  }

  /**
   * The connection failed or was lost (class 08, or the server ending the session: 57P01-57P03,
   * 57P05).
   */
  public boolean isConnectionFailure() {
    return TransientRule.of(sqlState()) == TransientRule.Kind.CONNECTION;
  }

  /** The message without the SQLSTATE, detail and hint that {@link #getMessage()} appends. */
  String summary() {
    return String.valueOf(super.getMessage());
  }

  @Override
  public String getMessage() {
    StringBuilder text = new StringBuilder(String.valueOf(super.getMessage()));
    if (server.sqlState() != null) {
      text.append(" [SQLSTATE ").append(server.sqlState()).append(']');
    }
    if (server.detail() != null) {
      text.append("\n  Detail: ").append(server.detail());
    }
    if (server.hint() != null) {
      text.append("\n  Hint: ").append(server.hint());
    }
    if (server.where() != null) {
      text.append("\n  Where: ").append(server.where());
    }
    return text.toString();
  }
}
