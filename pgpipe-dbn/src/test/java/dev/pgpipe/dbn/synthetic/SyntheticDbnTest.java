package dev.pgpipe.dbn.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Mbp10Msg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDbnTest {

  @TempDir Path directory;

  @Test
  void writesTheAskedNumberOfRecordsOfTheSchemaInsideTheMetadataRange() {
    for (Schema schema : List.of(Schema.MBO, Schema.MBP_10)) {
      Path file = SyntheticDbn.write(directory, schema, 1_001);

      try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
        Metadata metadata = decoder.metadata().orElseThrow();
        List<DbnRecord> records = decoder.readAll();

        assertThat(metadata.schema()).isEqualTo(schema);
        assertThat(records).hasSize(1_001);
        assertThat(records)
            .allSatisfy(
                r ->
                    assertThat(r)
                        .isInstanceOf(schema == Schema.MBO ? MboMsg.class : Mbp10Msg.class));
        assertThat(records.getFirst().hd().tsEvent()).isEqualTo(SyntheticDbn.START);
        assertThat(records.getLast().hd().tsEvent()).isLessThan(metadata.end());
        assertThat(metadata.start()).isEqualTo(SyntheticDbn.START);
      }
    }
  }

  @Test
  void isDeterministicAndReusesAFileAPreviousRunCompleted() throws IOException {
    Path first = SyntheticDbn.write(directory, Schema.MBO, 500);
    Path other = Files.createDirectory(directory.resolve("other"));
    Path again = SyntheticDbn.write(other, Schema.MBO, 500);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(first));

    Files.write(first, new byte[] {7});
    Path reused = SyntheticDbn.write(directory, Schema.MBO, 500);

    assertThat(reused).isEqualTo(first);
    assertThat(Files.readAllBytes(reused)).containsExactly(7);
  }

  @Test
  void rewritesAFileAnInterruptedRunLeftWithoutItsDoneMark() throws IOException {
    Path file = directory.resolve("bench-load-mbo-300.dbn.zst");
    Files.write(file, new byte[] {1, 2, 3});

    Path written = SyntheticDbn.write(directory, Schema.MBO, 300);

    assertThat(written).isEqualTo(file);
    try (DbnDecoder decoder = DbnDecoder.open(written, DecodeOptions.defaults())) {
      assertThat(decoder.readAll()).hasSize(300);
    }
  }
}
