package dev.pgpipe.dbn;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a DBN stream of version 1, 2 or 3: the metadata (unless it is a fragment), then records,
 * plain or zstd-compressed. Records must have the layout of the stream's version (e.g. {@link
 * StatMsgV1} in versions 1 and 2, {@link StatMsg} in 3) and be {@link WithTsOut} exactly when the
 * stream has {@code ts_out}; anything else fails fast with {@link IllegalArgumentException}. I/O
 * failures surface as {@link UncheckedIOException}. Not thread-safe; close it to flush.
 */
public final class DbnEncoder implements AutoCloseable {
  /** Output compression. */
  public enum Compression {
    /** Plain DBN. */
    NONE,
    /** One zstd frame, as Databento's {@code .dbn.zst} files. */
    ZSTD
  }

  private final OutputStream out;
  private final int version;
  private final boolean tsOut;
  private final ByteBuffer buf =
      ByteBuffer.allocate(Layouts.INSTRUMENT_DEF.size() + 8).order(ByteOrder.LITTLE_ENDIAN);

  private DbnEncoder(OutputStream target, Compression compression, int version, boolean tsOut) {
    this.version = version;
    this.tsOut = tsOut;
    try {
      OutputStream raw = compression == Compression.ZSTD ? new ZstdOutputStream(target) : target;
      this.out = new BufferedOutputStream(raw, 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start zstd compression", e);
    }
  }

  /** A stream that starts with {@code metadata}, whose version and ts_out the records follow. */
  public static DbnEncoder of(OutputStream out, Metadata metadata, Compression compression) {
    DbnEncoder encoder = new DbnEncoder(out, compression, metadata.version(), metadata.tsOut());
    encoder.writeBytes(MetadataCodec.encode(metadata), 0, -1);
    return encoder;
  }

  /** A metadata-less fragment of {@code version}. */
  public static DbnEncoder fragment(
      OutputStream out, int version, boolean tsOut, Compression compression) {
    if (version < 1 || version > Dbn.CURRENT_VERSION) {
      throw new IllegalArgumentException("version must be 1 to 3: " + version);
    }
    return new DbnEncoder(out, compression, version, tsOut);
  }

  /** Encodes {@code metadata} alone, the 8-byte prefix and version 3 padding included. */
  public static byte[] encodeMetadata(Metadata metadata) {
    return MetadataCodec.encode(metadata);
  }

  /** Writes one record. */
  public void write(DbnRecord record) {
    DbnRecord inner = record instanceof WithTsOut w ? w.record() : record;
    if ((record instanceof WithTsOut) != tsOut) {
      throw new IllegalArgumentException(
          tsOut
              ? "this stream has ts_out: wrap records in WithTsOut"
              : "this stream has no ts_out: write records without WithTsOut");
    }
    Layout layout = Layouts.forRecord(inner);
    if (Layouts.forRType(inner.hd().rtype(), version) != layout) {
      throw new IllegalArgumentException(
          layout.name() + " cannot be written in a DBN v" + version + " stream");
    }
    int size = layout.size() + (tsOut ? 8 : 0);
    RecordCodec.encode(inner, layout, buf, 0, size);
    if (record instanceof WithTsOut w) {
      buf.putLong(layout.size(), w.tsOut());
    }
    writeBytes(buf.array(), 0, size);
  }

  /** Copies a decoded record's bytes unchanged; its version and ts_out must match this stream. */
  public void write(RecordRef record) {
    if (record.version() != version || record.hasTsOut() != tsOut) {
      throw new IllegalArgumentException(
          "record of DBN v"
              + record.version()
              + (record.hasTsOut() ? " with" : " without")
              + " ts_out cannot be copied into a v"
              + version
              + " stream"
              + (tsOut ? " with" : " without")
              + " ts_out");
    }
    buf.clear();
    ByteBuffer bytes = ByteBuffer.allocate(record.size());
    record.copyTo(bytes);
    writeBytes(bytes.array(), 0, record.size());
  }

  private void writeBytes(byte[] bytes, int off, int len) {
    try {
      out.write(bytes, off, len < 0 ? bytes.length : len);
    } catch (IOException e) {
      throw new UncheckedIOException("writing DBN failed", e);
    }
  }

  /** Flushes buffered bytes (a zstd frame stays open until {@link #close()}). */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("flushing DBN failed", e);
    }
  }

  /** Finishes the zstd frame if any, flushes and closes the underlying stream. */
  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing DBN output failed", e);
    }
  }
}
