package dev.pgpipe.cli.dbn;

import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.json.MetadataJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgpipe dbn metadata FILE}: the file's metadata as one JSON object. */
@Command(
    name = "metadata",
    description = "Prints the metadata of a DBN file as one JSON object.",
    mixinStandardHelpOptions = true)
final class DbnMetadataCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "A DBN file (.dbn or .dbn.zst).")
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private Path file;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
      Metadata metadata =
          decoder
              .metadata()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          file + " has no metadata: it is a fragment; decode it with --fragment"));
      spec.commandLine().getOut().println(MetadataJson.toJson(metadata));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
