package dev.pgpipe.copy;

import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.CopyIn;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.TransactionOptions;
import dev.pgpipe.copy.codec.BinaryCopy;
import dev.pgpipe.copy.codec.WireBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One {@code COPY table (columns) FROM STDIN (FORMAT binary)} on one connection: rows are encoded
 * into a reusable buffer and sent in large chunks.
 *
 * <pre>{@code
 * try (CopyWriter<Trade> copy = CopyWriter.open(db, Table.of(Trade.class))) {
 *   trades.forEach(copy::write);
 *   CopyResult done = copy.finish(); // rows and bytes
 * }
 * }</pre>
 *
 * <p>{@link #finish()} ends the COPY; {@link #close()} without it aborts and nothing is loaded.
 * Called inside {@code db.inTransaction} on the same thread, the COPY joins that transaction. With
 * {@link CopyOptions#upsert} or {@link CopyOptions#bisect} the rows are kept in memory and loaded
 * at {@link #finish()} in one transaction. A row that does not fit its column throws {@link
 * EncodingException} from {@link #write} and is not sent; a COPY the server refuses throws {@link
 * CopyFailedException} with the row where the server named it. Not thread-safe.
 */
public final class CopyWriter<T> implements RowWriter<T> {

  private final Database db;
  private final Table<T> table;
  private final RowEncoder<T> encoder;
  private final CopyOptions<T> options;
  private final @Nullable CopyIn copy;
  private final WireBuffer buffer;
  private final @Nullable Batch<T> batch;
  private long rows;
  private long bytes;
  private boolean ended;

  private CopyWriter(Database db, Table<T> table, CopyOptions<T> options) {
    this.db = db;
    this.table = table;
    this.options = options;
    this.encoder = SchemaCheck.encoderFor(db, table, options.schemaMode());
    this.buffer = new WireBuffer(options.chunkBytes() + (64 << 10));
    if (options.buffered()) {
      this.batch = new Batch<>(1, buffer, options.rejects() != null);
      this.copy = null;
    } else {
      this.batch = null;
      this.copy = db.openCopyIn(table.copySql());
      BinaryCopy.writeHeader(buffer);
    }
  }

  /** Checks {@code table} (STRICT) and starts the COPY. */
  public static <T> CopyWriter<T> open(Database db, Table<T> table) {
    return open(db, table, CopyOptions.defaults());
  }

  public static <T> CopyWriter<T> open(Database db, Table<T> table, CopyOptions<T> options) {
    return new CopyWriter<>(db, table, options);
  }

  /** Encodes the row and sends a chunk when enough has gathered. */
  @Override
  public void write(T row) {
    if (ended) {
      throw new IllegalStateException("the COPY into " + table + " has ended");
    }
    if (batch != null) {
      batch.add(row, encoder, rows, 0);
    } else {
      encoder.encode(row, buffer, rows);
      if (buffer.size() >= options.chunkBytes()) {
        send();
      }
    }
    rows++;
  }

  private void send() {
    CopyIn target = copy;
    if (target == null) {
      return;
    }
    try {
      target.write(buffer.array(), 0, buffer.size());
    } catch (PgException e) {
      ended = true;
      throw failure(e);
    }
    bytes += buffer.size();
    buffer.clear();
  }

  private CopyFailedException failure(PgException e) {
    return new CopyFailedException(table.schema() + "." + table.name(), Failures.row(e), e);
  }

  /** Ends the COPY and returns what was loaded. */
  public CopyResult finish() {
    if (ended) {
      throw new IllegalStateException("the COPY into " + table + " has ended");
    }
    if (batch != null) {
      return finishBuffered(batch);
    }
    BinaryCopy.writeTrailer(buffer);
    send();
    ended = true;
    try {
      return new CopyResult(java.util.Objects.requireNonNull(copy).finish(), bytes, 0);
    } catch (PgException e) {
      throw failure(e);
    }
  }

  private CopyResult finishBuffered(Batch<T> rowsKept) {
    ended = true;
    if (rowsKept.rows() == 0) {
      return new CopyResult(0, 0, 0);
    }
    BatchLoader<T> loader =
        new BatchLoader<>(table, options.upsert(), options.rejects() != null, null, null);
    LoadOutcome<T> outcome =
        db.inTransaction(
            TransactionOptions.defaults().retry(Backoff.never()), tx -> loader.load(tx, rowsKept));
    RejectHandler<T> rejects = options.rejects();
    if (rejects != null) {
      outcome.rejected().forEach(rejects::rejected);
    }
    long sent = rowsKept.bytes() + BinaryCopy.HEADER_BYTES + 2L;
    return new CopyResult(outcome.rows(), sent, outcome.rejected().size());
  }

  /** Rows accepted by {@link #write} so far. */
  public long rowsWritten() {
    return rows;
  }

  /** Aborts the COPY unless {@link #finish()} ended it. */
  @Override
  public void close() {
    ended = true;
    if (copy != null) {
      copy.close();
    }
  }
}
