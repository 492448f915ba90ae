package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe cdc --to nats://...} then {@code pgpipe sink --from nats://...}, end to end. */
@WithPostgres
class CdcToNatsTest {

  private static final String TABLE = "CREATE TABLE orders (id int PRIMARY KEY, note text)";

  @TempDir Path home;

  private CliRun cdc(TestDatabase db, String natsUrl, String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "cdc",
                "--url",
                db.url(),
                "--to",
                natsUrl,
                "--stream",
                "SHOP",
                "--source",
                "shop",
                "--slot",
                "tonats",
                "--publication",
                "tonats",
                "--snapshot",
                "never"));
    args.addAll(List.of(flags));
    return CliRun.run(Map.of(), home, args.toArray(String[]::new));
  }

  @Test
  void cdcToNats_thenSinkFromNats_targetEqualsSource_andRepublishingAddsNothing(
      TestDatabase source) {
    source.execute(TABLE);
    TestDatabase target =
        TestServer.get().createDatabase("cdcnats_" + ProcessHandle.current().pid());
    target.execute(TABLE);
    try (NatsServer nats = NatsServer.start()) {
      CliRun setup = cdc(source, nats.url(), "--idle-exit", "1s");
      assertThat(setup.exitCode()).as(setup.err()).isZero();
      source.execute(
          "INSERT INTO orders SELECT g, 'n' || g FROM generate_series(1, 20) g",
          "UPDATE orders SET note = 'x' WHERE id % 2 = 0",
          "DELETE FROM orders WHERE id > 15");

      CliRun publish = cdc(source, nats.url(), "--max-transactions", "3");
      CliRun again = cdc(source, nats.url(), "--idle-exit", "1s");
      CliRun sink =
          CliRun.run(
              Map.of("NATS_URL", nats.url()),
              home,
              "sink",
              "--to",
              target.url(),
              "--stream",
              "SHOP",
              "--source",
              "shop",
              "--idle-exit",
              "1s");

      assertThat(publish.exitCode()).as(publish.err()).isZero();
      assertThat(publish.err())
          .contains("pgpipe.shop.> (stream SHOP)")
          .contains("stopped (max-transactions) after 3 transactions in 3 messages");
      assertThat(again.err())
          .as("confirmed transactions are not published again")
          .contains("stopped (idle) after 0 transactions");
      assertThat(sink.exitCode()).as(sink.err()).isZero();
      assertThat(sink.err()).contains("after 3 transactions, 35 events in 3 messages");
      assertThat(NatsPublishing.checksum(target, "orders"))
          .isEqualTo(NatsPublishing.checksum(source, "orders"));
    }
  }
}
