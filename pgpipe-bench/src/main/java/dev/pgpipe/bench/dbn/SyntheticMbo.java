package dev.pgpipe.bench.dbn;

import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.Schema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a synthetic MBO file of a given size with pgpipe's own encoder: a random walk of prices,
 * sizes and actions over a few hundred instruments, deterministic for a given record count.
 */
final class SyntheticMbo {

  static final int RECORD_BYTES = 56;
  private static final long START_NANOS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final char[] ACTIONS = {'A', 'C', 'M', 'T', 'F'};

  private SyntheticMbo() {}

  /** Writes {@code records} MBO records to {@code file}, unless it already has them. */
  static Path write(Path file, long records, Compression compression) {
    Path done = file.resolveSibling(file.getFileName() + "." + records + ".done");
    if (Files.exists(file) && Files.exists(done)) {
      return file;
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        DbnEncoder encoder =
            DbnEncoder.of(out, Metadata.of("GLBX.MDP3", Schema.MBO, START_NANOS, 0), compression)) {
      SplittableRandom random = new SplittableRandom(42);
      long price = 6_000_000_000_000L;
      for (long i = 0; i < records; i++) {
        price += random.nextLong(-250_000_000L, 250_000_001L);
        encoder.write(record(i, price, random));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic file " + file + ": " + e, e);
    }
    try {
      Files.writeString(done, "ok");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static MboMsg record(long i, long price, SplittableRandom random) {
    long ts = START_NANOS + i * 1_000;
    RecordHeader header = new RecordHeader(RType.MBO, 1, 1 + random.nextInt(400), ts);
    return new MboMsg(
        header,
        1_000_000 + i,
        price,
        1 + random.nextInt(50),
        128,
        0,
        ACTIONS[random.nextInt(ACTIONS.length)],
        random.nextBoolean() ? 'B' : 'A',
        ts + 500,
        random.nextInt(10_000),
        i);
  }
}
