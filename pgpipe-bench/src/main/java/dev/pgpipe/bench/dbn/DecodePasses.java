package dev.pgpipe.bench.dbn;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.Layouts;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.RecordRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One timed pass over a file each: every pass reads every record and folds one field into a
 * checksum, so the JIT cannot drop the work and the passes can be compared.
 */
final class DecodePasses {

  /** What a pass saw: records, a checksum of their prices, and the nanoseconds it took. */
  record Pass(long records, long checksum, long nanos) {}

  private static final int PRICE = Layouts.MBO.offsetOf("price");

  private DecodePasses() {}

  static Pass flyweight(Path file) {
    long start = System.nanoTime();
    long records = 0;
    long checksum = 0;
    try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
      while (decoder.next()) {
        RecordRef record = decoder.record();
        checksum += record.i64(PRICE);
        records++;
      }
    }
    return new Pass(records, checksum, System.nanoTime() - start);
  }

  static Pass records(Path file) {
    long start = System.nanoTime();
    long records = 0;
    long checksum = 0;
    try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
      for (DbnRecord record = decoder.nextRecord(); record != null; record = decoder.nextRecord()) {
        checksum += ((MboMsg) record).price();
        records++;
      }
    }
    return new Pass(records, checksum, System.nanoTime() - start);
  }

  /** zstd decompression alone, the bytes thrown away: the floor for decoding a zstd file. */
  static Pass decompressOnly(Path file) {
    long start = System.nanoTime();
    long bytes = 0;
    long checksum = 0;
    byte[] chunk = new byte[1 << 17];
    try (InputStream in =
        new ZstdInputStreamNoFinalizer(
            new BufferedInputStream(Files.newInputStream(file), 1 << 17))) {
      for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
        bytes += n;
        checksum += chunk[n - 1];
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decompress " + file, e);
    }
    return new Pass(bytes, checksum, System.nanoTime() - start);
  }
}
