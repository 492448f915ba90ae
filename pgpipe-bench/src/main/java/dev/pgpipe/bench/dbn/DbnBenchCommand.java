package dev.pgpipe.bench.dbn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.bench.JsonReport;
import dev.pgpipe.bench.dbn.DecodePasses.Pass;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe bench dbn}: decode throughput over a synthetic MBO file (plain with the flyweight,
 * plain with immutable records, zstd with the flyweight) next to decompressing the zstd file to
 * nowhere, which bounds what any zstd decoder can reach. One thread; the median of the timed runs.
 */
@Command(
    name = "dbn",
    description = "DBN decode throughput: flyweight, records and zstd vs. decompression alone.",
    mixinStandardHelpOptions = true)
public final class DbnBenchCommand implements Callable<Integer> {

  @Option(
      names = "--size-mb",
      description = "Uncompressed file size in MB (default ${DEFAULT-VALUE}).")
  private int sizeMb = 1024;

  @Option(
      names = "--runs",
      description = "Timed runs per pass, after one warm-up (default ${DEFAULT-VALUE}).")
  private int runs = 3;

  @Option(
      names = "--dir",
      description = "Where the synthetic files go (default: the temp directory).")
  private Path directory = Path.of(System.getProperty("java.io.tmpdir"), "pgpipe-bench-dbn");

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    long records = sizeMb * 1_000_000L / SyntheticMbo.RECORD_BYTES;
    Files.createDirectories(directory);
    out.printf("writing %,d synthetic MBO records (%d MB) to %s ...%n", records, sizeMb, directory);
    out.flush();
    Path plain = SyntheticMbo.write(directory.resolve("mbo.dbn"), records, Compression.NONE);
    Path zstd = SyntheticMbo.write(directory.resolve("mbo.dbn.zst"), records, Compression.ZSTD);
    long bytes = Files.size(plain);
    out.printf(
        "plain %,d bytes, zstd %,d bytes; %d timed runs each, one core%n%n",
        bytes, Files.size(zstd), runs);
    out.printf("%-28s %10s %14s %10s%n", "pass", "GB/s", "records/s", "seconds");
    ObjectNode report =
        new ObjectMapper().createObjectNode().put("bytes", bytes).put("records", records);
    Pass flyweight = measure(out, report, "plain_flyweight", bytes, DecodePasses::flyweight, plain);
    Pass objects = measure(out, report, "plain_records", bytes, DecodePasses::records, plain);
    Pass zstdFlyweight =
        measure(out, report, "zstd_flyweight", bytes, DecodePasses::flyweight, zstd);
    Pass nowhere =
        measure(out, report, "zstd_decompress_only", bytes, DecodePasses::decompressOnly, zstd);
    checkSame(flyweight, objects, zstdFlyweight);
    double zstdRatio = (double) zstdFlyweight.nanos() / nowhere.nanos();
    out.printf("%nzstd decode time / decompression alone: %.3f (goal <= 1.10)%n", zstdRatio);
    out.printf(
        "records path / flyweight path time: %.2f%n", (double) objects.nanos() / flyweight.nanos());
    report.put("zstd_decode_over_decompress_only", zstdRatio);
    out.flush();
    JsonReport.write(json, report);
    return 0;
  }

  private Pass measure(
      PrintWriter out,
      ObjectNode report,
      String name,
      long bytes,
      Function<Path, Pass> pass,
      Path file) {
    Pass warmUp = pass.apply(file);
    List<Pass> timed = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      timed.add(pass.apply(file));
    }
    if (timed.stream().anyMatch(p -> p.checksum() != warmUp.checksum())) {
      throw new IllegalStateException(name + ": runs over the same file disagree: " + timed);
    }
    timed.sort(Comparator.comparingLong(Pass::nanos));
    Pass median = timed.get(timed.size() / 2);
    double seconds = median.nanos() / 1e9;
    double records = bytes / (double) SyntheticMbo.RECORD_BYTES;
    out.printf(
        "%-28s %10.2f %,14.0f %10.3f%n", name, bytes / seconds / 1e9, records / seconds, seconds);
    out.flush();
    report
        .putObject(name)
        .put("gb_per_s", bytes / seconds / 1e9)
        .put("records_per_s", records / seconds);
    return median;
  }

  private static void checkSame(Pass flyweight, Pass records, Pass zstd) {
    if (flyweight.records() != records.records()
        || flyweight.checksum() != records.checksum()
        || flyweight.checksum() != zstd.checksum()) {
      throw new IllegalStateException(
          "the passes disagree: " + flyweight + " / " + records + " / " + zstd);
    }
  }
}
