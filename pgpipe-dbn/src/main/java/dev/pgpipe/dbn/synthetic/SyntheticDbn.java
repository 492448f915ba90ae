package dev.pgpipe.dbn.synthetic;

import dev.pgpipe.dbn.BidAskPair;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Mbp10Msg;
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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic zstd DBN files written by pgpipe's own encoder, for {@code pgpipe demo} and {@code
 * pgpipe bench load}: MBO or MBP-10 records, a random walk of prices over 400 instruments, 1 µs
 * apart, deterministic for a record count. The metadata's range covers the records exactly.
 */
public final class SyntheticDbn {

  /** The first record's timestamp. */
  public static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

  private static final char[] ACTIONS = {'A', 'C', 'M', 'T', 'F'};

  private SyntheticDbn() {}

  /**
   * Writes {@code bench-load-<schema>-<records>.dbn.zst} into {@code directory} unless a previous
   * run left it complete, and returns its path.
   *
   * @throws java.io.UncheckedIOException naming the file when it cannot be written
   */
  public static Path write(Path directory, Schema schema, long records) {
    Path file = directory.resolve("bench-load-" + schema.text() + "-" + records + ".dbn.zst");
    Path done = file.resolveSibling(file.getFileName() + ".done");
    if (Files.exists(file) && Files.exists(done)) {
      return file;
    }
    long end = START + records * 1_000 + 1_000;
    try (OutputStream out = new BufferedOutputStream(newFile(file), 1 << 20);
        DbnEncoder encoder =
            DbnEncoder.of(out, Metadata.of("GLBX.MDP3", schema, START, end), Compression.ZSTD)) {
      SplittableRandom random = new SplittableRandom(42);
      long price = 6_000_000_000_000L;
      for (long i = 0; i < records; i++) {
        price += random.nextLong(-250_000_000L, 250_000_001L);
        encoder.write(record(schema, i, price, random));
      }
      Files.writeString(done, "ok");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic file " + file + ": " + e, e);
    }
    return file;
  }

  /** Opens {@code file} for writing, creating its directory when missing. */
  private static OutputStream newFile(Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null) {
      Files.createDirectories(directory);
    }
    return Files.newOutputStream(file);
  }

  private static DbnRecord record(Schema schema, long i, long price, SplittableRandom random) {
    long ts = START + i * 1_000;
    int instrument = 1 + random.nextInt(400);
    char action = ACTIONS[random.nextInt(ACTIONS.length)];
    char side = random.nextBoolean() ? 'B' : 'A';
    int size = 1 + random.nextInt(50);
    if (schema == Schema.MBO) {
      RecordHeader header = new RecordHeader(RType.MBO, 1, instrument, ts);
      return new MboMsg(
          header, 1_000_000 + i, price, size, 128, 0, action, side, ts + 500, 9_000, i);
    }
    RecordHeader header = new RecordHeader(RType.MBP_10, 1, instrument, ts);
    List<BidAskPair> levels = new ArrayList<>(10);
    for (int level = 0; level < 10; level++) {
      long tick = 250_000_000L * (level + 1);
      levels.add(
          new BidAskPair(price - tick, price + tick, 10 + level, 12 + level, 1 + level, 2 + level));
    }
    return new Mbp10Msg(
        header, price, size, action, side, 128, random.nextInt(10), ts + 500, 9_000, i, levels);
  }
}
