package dev.pgpipe.copy.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a binary COPY stream (see {@link BinaryCopy} for the layout) tuple by tuple, as raw field
 * bytes ({@link #nextRaw()}) or decoded with one codec per column ({@link #next()}). Works with any
 * {@link InputStream}, however it splits the bytes. Not thread-safe.
 *
 * <p>Throws {@link CopyFormatException} with the stream offset for a bad signature, OIDs, a field
 * count that differs from the codecs, a negative length other than -1, or a stream that ends before
 * its trailer; {@link UncheckedIOException} when reading fails.
 */
public final class BinaryCopyReader {

  private final InputStream in;
  private final List<Codec> codecs;
  private long offset;
  private boolean headerRead;
  private boolean ended;

  /** A reader that decodes each field with the codec of its column. */
  public BinaryCopyReader(InputStream in, List<Codec> codecs) {
    this.in = in;
    this.codecs = List.copyOf(codecs);
  }

  /** The next tuple's decoded values (null for NULL), or null after the trailer. */
  public @Nullable List<@Nullable Object> next() {
    List<byte @Nullable []> raw = nextRaw();
    if (raw == null) {
      return null;
    }
    if (raw.size() != codecs.size()) {
      throw new CopyFormatException(
          "tuple has " + raw.size() + " fields, " + codecs.size() + " codecs were given", offset);
    }
    List<@Nullable Object> values = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      byte[] field = raw.get(i);
      values.add(field == null ? null : codecs.get(i).decode(field, 0, field.length));
    }
    return values;
  }

  /** The next tuple's fields as bytes (null for NULL), or null after the trailer. */
  public @Nullable List<byte @Nullable []> nextRaw() {
    if (!headerRead) {
      readHeader();
    }
    if (ended) {
      return null;
    }
    long tupleStart = offset;
    int count = (short) readShort();
    if (count == -1) {
      ended = true;
      return null;
    }
    if (count < 0) {
      throw new CopyFormatException("negative field count " + count, tupleStart);
    }
    List<byte @Nullable []> fields = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long fieldStart = offset;
      int length = readInt();
      if (length < -1) {
        throw new CopyFormatException("negative field length " + length, fieldStart);
      }
      fields.add(length == -1 ? null : readBytes(length));
    }
    return fields;
  }

  private void readHeader() {
    byte[] signature = readBytes(BinaryCopy.SIGNATURE.length);
    if (!Arrays.equals(signature, BinaryCopy.SIGNATURE)) {
      throw new CopyFormatException("not a binary COPY stream (bad signature)", 0);
    }
    int flags = readInt();
    if ((flags & (1 << 16)) != 0) {
      throw new CopyFormatException("OIDs in COPY data are not supported", 11);
    }
    int extension = readInt();
    if (extension < 0) {
      throw new CopyFormatException("negative header extension length", 15);
    }
    readBytes(extension);
    headerRead = true;
  }

  private int readShort() {
    byte[] bytes = readBytes(2);
    return ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
  }

  private int readInt() {
    return Read.int32(readBytes(4), 0);
  }

  private byte[] readBytes(int length) {
    try {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length < length) {
        throw new EOFException();
      }
      offset += length;
      return bytes;
    } catch (EOFException e) {
      throw new CopyFormatException("stream ended inside a " + length + "-byte read", offset);
    } catch (IOException e) {
      throw new UncheckedIOException("reading COPY data failed at byte offset " + offset, e);
    }
  }

  /** Bytes consumed so far. */
  public long offset() {
    return offset;
  }
}
