package dev.pgpipe.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The results of a {@link Query}, mapped to {@code T}: all at once ({@link #list()}), exactly one
 * ({@link #one()}), at most one ({@link #optional()}), the first ({@link #first()}), or lazily
 * through a server-side cursor ({@link #stream()}).
 */
public final class Rows<T> {

  private final Query query;
  private final MapperFactory<T> mappers;

  Rows(Query query, MapperFactory<T> mappers) {
    this.query = query;
    this.mappers = mappers;
  }

  /** Every row. */
  public List<T> list() {
    return query.execute(0, statement -> collect(statement));
  }

  /** The only row; fails when there are none or more than one. */
  public T one() {
    List<T> rows = query.execute(2, statement -> collect(statement));
    if (rows.size() != 1) {
      throw new PgException(
          "expected exactly one row, got " + (rows.isEmpty() ? "none" : "more") + ": " + query,
          null);
    }
    return rows.getFirst();
  }

  /** The row if there is one; fails when there is more than one. */
  public Optional<T> optional() {
    List<T> rows = query.execute(2, statement -> collect(statement));
    if (rows.size() > 1) {
      throw new PgException("expected at most one row, got more: " + query, null);
    }
    return rows.stream().findFirst();
  }

  /** The first row, if any; the rest are not fetched. */
  public Optional<T> first() {
    return query.execute(1, statement -> collect(statement)).stream().findFirst();
  }

  /**
   * The rows, fetched lazily {@code fetchSize} at a time through a cursor. The stream holds a
   * connection until it is closed: use it in try-with-resources. Outside a transaction it runs in a
   * read-only transaction of its own, committed on close.
   */
  public Stream<T> stream() {
    Lease lease = query.connections().lease();
    try {
      Connection connection = lease.connection();
      boolean ownTransaction = connection.getAutoCommit();
      if (ownTransaction) {
        connection.setAutoCommit(false);
      }
      PreparedStatement statement = query.prepare(connection, 0);
      statement.setFetchSize(query.fetchSizeRows());
      ResultSet results = statement.executeQuery();
      RowMapper<T> mapper = mappers.create(results.getMetaData());
      Cursor<T> cursor = new Cursor<>(results, mapper, query);
      return StreamSupport.stream(cursor, false)
          .onClose(() -> finish(lease, statement, ownTransaction));
    } catch (SQLException e) {
      lease.close();
      throw query.failure(e);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private static void finish(Lease lease, PreparedStatement statement, boolean ownTransaction) {
    try (lease) {
      Connection connection = lease.connection();
      statement.close();
      if (ownTransaction) {
        connection.commit();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw PgException.from(e, "closing a result stream");
    }
  }

  private List<T> collect(PreparedStatement statement) throws SQLException {
    try (ResultSet results = statement.executeQuery()) {
      RowMapper<T> mapper = mappers.create(results.getMetaData());
      List<T> rows = new ArrayList<>();
      while (results.next()) {
        rows.add(mapper.map(results));
      }
      return rows;
    }
  }

  private static final class Cursor<T> extends Spliterators.AbstractSpliterator<T> {
    private final ResultSet results;
    private final RowMapper<T> mapper;
    private final Query query;

    Cursor(ResultSet results, RowMapper<T> mapper, Query query) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.results = results;
      this.mapper = mapper;
      this.query = query;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      try {
        if (!results.next()) {
          return false;
        }
        action.accept(mapper.map(results));
        return true;
      } catch (SQLException e) {
        throw query.failure(e);
      }
    }
  }
}
