package dev.pgpipe.cli.dbn;

import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordRef;
import dev.pgpipe.dbn.SymbolMap;
import dev.pgpipe.dbn.json.RecordWriter;
import dev.pgpipe.dbn.json.TextOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe dbn decode FILE...}: one line per record to standard output, JSON (the shape of
 * Databento's {@code dbn} tool) or CSV. A corrupt file stops with the byte offset of the damage.
 */
@Command(
    name = "decode",
    description = "Writes every record of DBN files as JSON lines (default) or CSV.",
    mixinStandardHelpOptions = true)
final class DbnDecodeCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "DBN files (.dbn, .dbn.zst, fragments).")
  private List<Path> files = new ArrayList<>();

  @ArgGroup(exclusive = true)
  private @Nullable Format format;

  @ArgGroup(exclusive = true)
  private @Nullable Versioning versioning;

  @Option(names = "--pretty-px", description = "Prices as decimals with 9 places (UNDEF as null).")
  private boolean prettyPx;

  @Option(names = "--pretty-ts", description = "Timestamps as ISO-8601 UTC with nanoseconds.")
  private boolean prettyTs;

  @Option(names = "--map-symbols", description = "Add each record's symbol from the symbology.")
  private boolean mapSymbols;

  @Option(
      names = "--fragment",
      paramLabel = "VERSION",
      description = "The files have no metadata; their records are DBN version VERSION (1, 2, 3).")
  private @Nullable Integer fragmentVersion;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  static final class Format {
    @Option(names = "--json", description = "JSON lines (the default).")
    boolean json;

    @Option(names = "--csv", description = "CSV with a header row.")
    boolean csv;
  }

  static final class Versioning {
    @Option(names = "--as-is", description = "Records in the file's own version (the default).")
    boolean asIs;

    @Option(names = "--upgrade", description = "Upgrade v1 and v2 records to the v3 layouts.")
    boolean upgrade;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BufferedWriter buffered = new BufferedWriter(out, 1 << 16);
    TextOptions options = new TextOptions(prettyPx, prettyTs, mapSymbols);
    RecordWriter writer =
        format != null && format.csv
            ? RecordWriter.csv(buffered, options)
            : RecordWriter.json(buffered, options);
    for (Path file : files) {
      decode(file, writer, buffered);
    }
    flush(buffered);
    return 0;
  }

  private void decode(Path file, RecordWriter writer, BufferedWriter buffered) {
    try (DbnDecoder decoder = DbnDecoder.open(file, decodeOptions())) {
      SymbolMap symbols = decoder.metadata().map(SymbolMap::of).orElseGet(SymbolMap::new);
      while (decoder.next()) {
        RecordRef record = decoder.record();
        if (record.rtype() == RType.SYMBOL_MAPPING) {
          symbols.add(record);
        }
        writer.write(record, mapSymbols ? symbols.symbolFor(record) : null);
      }
    } finally {
      flush(buffered);
    }
  }

  private DecodeOptions decodeOptions() {
    DecodeOptions options =
        DecodeOptions.defaults().withUpgrade(versioning != null && versioning.upgrade);
    Integer version = fragmentVersion;
    return version == null ? options : options.withFragment(version);
  }

  private static void flush(BufferedWriter buffered) {
    try {
      buffered.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to standard output failed", e);
    }
  }
}
