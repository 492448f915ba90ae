package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.verify.ReplicaVerifier;
import dev.pgpipe.sink.verify.TableComparison;
import dev.pgpipe.sink.verify.TableName;
import dev.pgpipe.sink.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The row-by-row check of the workload's tables in a target against the source, by {@link
 * ReplicaVerifier}; the result lists what differs, empty when the target is equal.
 */
final class Equality {

  private Equality() {}

  static List<String> differences(ConnectionSettings source, ConnectionSettings target) {
    List<String> found = new ArrayList<>();
    try (Database s = Cluster.open(source);
        Database t = Cluster.open(target)) {
      VerifyOptions options =
          VerifyOptions.defaults()
              .withTables(Tables.COMPARED.stream().map(TableName::parse).toList());
      for (TableComparison c : ReplicaVerifier.create(s, t, options).verify(c -> {})) {
        if (c.differs()) {
          found.add(
              c.table()
                  + " "
                  + c.status()
                  + ": source "
                  + c.sourceRows()
                  + " rows, target "
                  + c.targetRows()
                  + (c.problems().isEmpty() ? "" : ", " + c.problems())
                  + (c.differences().isEmpty() ? "" : ", " + c.differences()));
        }
      }
    }
    return found;
  }
}
