package dev.pgpipe.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.postgresql.jdbc.PgStatement;

/**
 * One SQL statement with its parameters, ready to run: {@link #update()}, {@link #scalar(Class)},
 * or results through {@link #as(Class)}, {@link #asMaps()} and {@link #map(RowMapper)}.
 *
 * <p>Parameters are positional ({@code ?}, given to {@code sql(...)}) or named ({@code :name},
 * given to {@link #bind(String, Object)}), never both. A query is built and run by one thread; only
 * {@link #cancel()} may be called from another. Every failure is a {@link PgException}; a cancelled
 * or timed-out statement a {@link QueryCancelledException}.
 */
public final class Query {

  private static final int DEFAULT_FETCH_SIZE = 1_000;

  private final ConnectionProvider connections;
  private final String sql;
  private final ParsedSql parsed;
  private final List<@Nullable Object> positional;
  private final Map<String, @Nullable Object> named = new HashMap<>();
  private @Nullable Duration timeout;
  private int fetchSize = DEFAULT_FETCH_SIZE;
  private volatile @Nullable Statement running;
  private volatile boolean cancelled;

  Query(ConnectionProvider connections, String sql, @Nullable Object[] parameters) {
    this.connections = connections;
    this.sql = sql;
    this.parsed = ParsedSql.parse(sql);
    this.positional = new ArrayList<@Nullable Object>(Arrays.asList(parameters));
  }

  /** Binds a value to every {@code :name} of the statement. */
  public Query bind(String name, @Nullable Object value) {
    if (!parsed.names().contains(name)) {
      throw new IllegalArgumentException(
          "the statement has no parameter :" + name + "; it has " + parsed.names());
    }
    named.put(name, value);
    return this;
  }

  /** Cancels the statement on the server when it runs longer than this. */
  public Query timeout(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + limit);
    }
    this.timeout = limit;
    return this;
  }

  /** Rows fetched per round trip by {@link Rows#stream()}; default 1000. */
  public Query fetchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("fetchSize must be >= 1: " + rows);
    }
    this.fetchSize = rows;
    return this;
  }

  /** Runs a statement that returns no rows; returns the number of rows it changed. */
  public long update() {
    return execute(0, PreparedStatement::executeLargeUpdate);
  }

  /** The single non-null value of a one-row, one-column result. */
  public <T> T scalar(Class<T> type) {
    return as(type).one();
  }

  /** Results as records (by canonical constructor) or, for simple types, from a single column. */
  public <T> Rows<T> as(Class<T> type) {
    return new Rows<>(this, MapperFactory.forClass(type));
  }

  /** Results as maps from column label to the column's natural Java value. */
  public Rows<Map<String, @Nullable Object>> asMaps() {
    return new Rows<>(this, MapperFactory.forMaps());
  }

  /** Results through a mapper of your own. */
  public <T> Rows<T> map(RowMapper<T> mapper) {
    return new Rows<>(this, columns -> mapper);
  }

  /**
   * Cancels the statement if it is running (from any thread); a statement not started yet fails
   * with {@link QueryCancelledException} when it starts.
   */
  public void cancel() {
    cancelled = true;
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        throw PgException.from(e, "cancel failed");
      }
    }
  }

  /** The statement text as given. */
  public String sql() {
    return sql;
  }

  int fetchSizeRows() {
    return fetchSize;
  }

  ConnectionProvider connections() {
    return connections;
  }

  /** Prepares, runs {@code work} and closes the statement on a leased connection. */
  <R> R execute(int maxRows, StatementWork<R> work) {
    return connections.withConnection(
        connection -> {
          try (PreparedStatement statement = prepare(connection, maxRows)) {
            return work.run(statement);
          } catch (SQLException e) {
            throw failure(e);
          } finally {
            running = null;
          }
        });
  }

  /** A prepared, bound statement; the caller closes it. */
  PreparedStatement prepare(Connection connection, int maxRows) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(parsed.jdbcSql());
    try {
      if (timeout != null) {
        statement.unwrap(PgStatement.class).setQueryTimeoutMs(timeout.toMillis());
      }
      statement.setMaxRows(maxRows);
      bindAll(statement);
      running = statement;
      if (cancelled) {
        throw new QueryCancelledException(
            "statement cancelled before it started",
            ServerError.of(SqlStates.QUERY_CANCELED),
            null);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private void bindAll(PreparedStatement statement) throws SQLException {
    if (!parsed.names().isEmpty()) {
      for (int i = 0; i < parsed.names().size(); i++) {
        String name = parsed.names().get(i);
        if (!named.containsKey(name)) {
          throw new IllegalArgumentException("no value bound for :" + name + " in: " + summary());
        }
        ParameterBinder.bind(statement, i + 1, named.get(name));
      }
      return;
    }
    if (positional.size() != parsed.positional()) {
      throw new IllegalArgumentException(
          "the statement has "
              + parsed.positional()
              + " ? parameters but "
              + positional.size()
              + " values were given: "
              + summary());
    }
    for (int i = 0; i < positional.size(); i++) {
      ParameterBinder.bind(statement, i + 1, positional.get(i));
    }
  }

  /** The driver failure as a {@link PgException} naming the statement. */
  PgException failure(SQLException e) {
    PgException failure = PgException.from(e, "statement failed (" + summary() + ")");
    Duration limit = timeout;
    if (failure instanceof QueryCancelledException c && limit != null && !cancelled) {
      return c.asTimeout(limit);
    }
    return failure;
  }

  private String summary() {
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }

  @Override
  public String toString() {
    return "Query[" + summary() + "]";
  }

  /** Work on a prepared statement. */
  @FunctionalInterface
  interface StatementWork<R> {
    R run(PreparedStatement statement) throws SQLException;
  }
}
