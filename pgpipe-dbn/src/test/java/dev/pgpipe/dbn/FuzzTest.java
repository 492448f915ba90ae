package dev.pgpipe.dbn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100,000 seeded mutations of files written by our own encoder (plus the shared reference files
 * when present): the decoder only ever throws {@link DbnException}, never another exception, an
 * OutOfMemoryError or a hang.
 */
class FuzzTest {
  private static final int RUNS = 100_000;

  @Test
  void decodesMutatedFiles_onlyEverThrowsDbnException() {
    List<byte[]> seeds = seeds();
    Random random = new Random(20240601L);
    int failures = 0;
    for (int run = 0; run < RUNS; run++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] data = mutate(seed, random);
      DecodeOptions options =
          random.nextInt(8) == 0
              ? DecodeOptions.defaults().withFragment(1 + random.nextInt(3))
              : DecodeOptions.defaults().withUpgrade(random.nextBoolean());
      try (DbnDecoder decoder = DbnDecoder.of(data, options)) {
        while (decoder.next()) {
          decoder.record().toRecord();
        }
      } catch (DbnException e) {
        failures++;
      }
    }
    assertThat(failures).isPositive().isLessThan(RUNS);
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] data = seed.clone();
    switch (random.nextInt(4)) {
      case 0 -> data[random.nextInt(data.length)] = (byte) random.nextInt(256);
      case 1 -> {
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
          data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 2 -> data = java.util.Arrays.copyOf(data, random.nextInt(data.length));
      default -> {
        int at = random.nextInt(Math.min(data.length, 140));
        data[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
      }
    }
    return data;
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (int version = 1; version <= 3; version++) {
      for (boolean tsOut : new boolean[] {false, true}) {
        Metadata md = Gen.metadata(version, tsOut);
        List<DbnRecord> records = Gen.records(version, tsOut, 8, version);
        seeds.add(Gen.encode(md, records, DbnEncoder.Compression.NONE));
      }
      seeds.add(
          Gen.encode(
              Gen.metadata(version, false),
              Gen.records(version, false, 4, 9),
              DbnEncoder.Compression.ZSTD));
    }
    String dir = System.getProperty("pgpipe.fixtures", "");
    Path fixtures = Path.of(dir, "dbn");
    if (!dir.isBlank() && Files.isDirectory(fixtures)) {
      for (String name :
          List.of("test_data.mbo.v3.dbn", "test_data.definition.dbn", "test_data.imbalance.dbn")) {
        Path file = fixtures.resolve(name);
        if (Files.exists(file)) {
          seeds.add(Fixtures.read(file));
        }
      }
    }
    return seeds;
  }
}
