package dev.pgpipe.dbn;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a DBN stream of version 1, 2 or 3: metadata, then records. Input may be plain or zstd
 * (detected by its first bytes; multi-frame zstd is read through), or a metadata-less fragment
 * whose version the caller gives in {@link DecodeOptions}.
 *
 * <p>Two ways to read records: {@link #next()} and {@link #record()} give a zero-copy {@link
 * RecordRef} that allocates nothing per record (for hot loops), {@link #nextRecord()} gives
 * immutable {@link DbnRecord}s. Unknown record types are skipped and counted, or rejected, as
 * configured.
 *
 * <p>Pure: bytes in, values out. Every malformed input raises {@link DbnException} with the byte
 * offset; no input makes it allocate more than about twice its real size, loop forever or return
 * garbage. Not thread-safe. Close it to release the file or stream.
 */
public final class DbnDecoder implements AutoCloseable {
  /** Largest metadata accepted, far above any real file's symbol lists. */
  static final int MAX_METADATA = 1 << 30;

  private final ByteInput input;
  private final DecodeOptions options;
  private final @Nullable Metadata metadata;
  private final int inputVersion;
  private final boolean tsOut;
  private final RecordRef ref = new RecordRef();
  private final ByteBuffer scratch =
      ByteBuffer.allocate(Layouts.INSTRUMENT_DEF.size() + 8).order(ByteOrder.LITTLE_ENDIAN);
  private long skipped;

  private DbnDecoder(ByteInput input, DecodeOptions options) {
    this.input = input;
    this.options = options;
    try {
      if (options.fragmentVersion() != 0) {
        this.metadata = null;
        this.inputVersion = options.fragmentVersion();
        this.tsOut = options.fragmentTsOut();
      } else {
        Metadata read = readMetadata(input);
        this.inputVersion = read.version();
        this.tsOut = read.tsOut();
        this.metadata = options.upgrade() && read.version() < 3 ? read.withVersion(3) : read;
      }
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
  }

  /** Decodes bytes in memory. */
  public static DbnDecoder of(byte[] data, DecodeOptions options) {
    return of(ByteBuffer.wrap(data), options);
  }

  /** Decodes the remaining bytes of a buffer, in place for plain DBN. */
  public static DbnDecoder of(ByteBuffer data, DecodeOptions options) {
    return new DbnDecoder(Inputs.of(data), options);
  }

  /** Decodes a stream; the decoder closes it. */
  public static DbnDecoder of(InputStream in, DecodeOptions options) {
    return new DbnDecoder(Inputs.of(in), options);
  }

  /** Decodes a file: memory-mapped when plain, streamed when zstd. */
  public static DbnDecoder open(Path file, DecodeOptions options) {
    return new DbnDecoder(Inputs.open(file), options);
  }

  private static Metadata readMetadata(ByteInput input) {
    int have = input.fill(8);
    ByteBuffer buf = input.buffer();
    int p = input.position();
    checkMagic(buf, p, have);
    int version = buf.get(p + 3) & 0xFF;
    if (version < 1 || version > Dbn.CURRENT_VERSION) {
      throw new DbnException(
          DbnException.Code.UNSUPPORTED_VERSION,
          3,
          "DBN version "
              + version
              + " is not supported (1 to 3 are); upgrade pgpipe or"
              + " re-export the file with an older DBN version");
    }
    long length = buf.getInt(p + 4) & 0xFFFF_FFFFL;
    if (length > MAX_METADATA) {
      throw new DbnException(
          DbnException.Code.BAD_METADATA,
          4,
          "metadata length "
              + length
              + " is larger than any real DBN metadata; the file is"
              + " corrupt");
    }
    int total = 8 + (int) length;
    int available = input.fill(total);
    if (available < total) {
      throw truncated(
          available,
          "the metadata declares "
              + length
              + " bytes after offset 8 but the input ends after "
              + (available - 8));
    }
    Metadata metadata = MetadataCodec.decode(input.buffer(), input.position(), (int) length);
    input.skip(total);
    return metadata;
  }

  private static void checkMagic(ByteBuffer buf, int p, int have) {
    for (int i = 0; i < Math.min(have, 3); i++) {
      if (buf.get(p + i) != "DBN".charAt(i)) {
        throw new DbnException(
            DbnException.Code.BAD_MAGIC,
            i,
            "not a DBN stream: it starts with neither \"DBN\" nor a zstd frame; for a"
                + " metadata-less fragment, give its version (DecodeOptions.withFragment)");
      }
    }
    if (have < 8) {
      throw truncated(have, "the metadata prefix needs 8 bytes but the input has " + have);
    }
  }

  private static DbnException truncated(long offset, String what) {
    return new DbnException(
        DbnException.Code.TRUNCATED,
        offset,
        what + "; the input is truncated, download or copy it again");
  }

  /** The metadata; empty for a fragment. Upgraded to version 3 when upgrading. */
  public Optional<Metadata> metadata() {
    return Optional.ofNullable(metadata);
  }

  /** The version of the records this decoder returns: the input's, or 3 when upgrading. */
  public int version() {
    return options.upgrade() ? Dbn.CURRENT_VERSION : inputVersion;
  }

  /** The version of the input. */
  public int inputVersion() {
    return inputVersion;
  }

  /** Whether every record carries the gateway's send timestamp. */
  public boolean tsOut() {
    return tsOut;
  }

  /** How many records of unknown type were skipped so far. */
  public long skippedRecords() {
    return skipped;
  }

  /**
   * Advances to the next record; {@code false} at the end of the input. The record is then
   * available, without copying, from {@link #record()} until the next call.
   */
  public boolean next() {
    while (true) {
      long offset = input.offset();
      if (input.fill(1) == 0) {
        return false;
      }
      int size = (input.buffer().get(input.position()) & 0xFF) * 4;
      if (size < Layout.HEADER_SIZE) {
        throw new DbnException(
            DbnException.Code.BAD_RECORD_LENGTH,
            offset,
            "record length " + size + " is under the 16-byte header; the data is corrupt");
      }
      int available = input.fill(size);
      if (available < size) {
        throw truncated(
            offset, "the record declares " + size + " bytes but only " + available + " remain");
      }
      if (point(offset, size)) {
        return true;
      }
    }
  }

  /** Points the view at the record of {@code size} bytes; false when it was skipped. */
  private boolean point(long offset, int size) {
    ByteBuffer buf = input.buffer();
    int base = input.position();
    int rtype = buf.get(base + 1) & 0xFF;
    Layout layout = Layouts.forRType(rtype, inputVersion);
    if (layout == null) {
      if (options.failOnUnknownRType()) {
        throw new DbnException(
            DbnException.Code.UNKNOWN_RTYPE,
            offset,
            "unknown record type "
                + RType.describe(rtype)
                + "; decode with unknown types"
                + " skipped, or upgrade pgpipe");
      }
      skipped++;
      input.skip(size);
      return false;
    }
    checkFits(layout, offset, size);
    Layout target = options.upgrade() ? Upgrader.target(layout) : null;
    if (target != null) {
      int upgraded = Upgrader.upgrade(buf, base, layout, target, tsOut, scratch);
      ref.set(scratch, 0, upgraded, target, Dbn.CURRENT_VERSION, tsOut);
    } else {
      ref.set(buf, base, size, layout, version(), tsOut);
    }
    ref.offset(offset);
    input.skip(size);
    return true;
  }

  private void checkFits(Layout layout, long offset, int size) {
    int needed = layout.size() + (tsOut ? 8 : 0);
    if (size < needed) {
      throw new DbnException(
          DbnException.Code.BAD_RECORD_LENGTH,
          offset,
          layout.name()
              + " in DBN v"
              + inputVersion
              + (tsOut ? " with ts_out" : "")
              + " needs "
              + needed
              + " bytes but the record length is "
              + size
              + "; the data is corrupt or the version is wrong");
    }
  }

  /** The current record; valid until the next call to {@link #next()}. */
  public RecordRef record() {
    return ref;
  }

  /** The next record as an immutable value, or {@code null} at the end of the input. */
  public @Nullable DbnRecord nextRecord() {
    return next() ? ref.toRecord() : null;
  }

  /** Reads every remaining record. */
  public List<DbnRecord> readAll() {
    List<DbnRecord> records = new ArrayList<>();
    for (DbnRecord r = nextRecord(); r != null; r = nextRecord()) {
      records.add(r);
    }
    return records;
  }

  @Override
  public void close() {
    input.close();
  }
}
