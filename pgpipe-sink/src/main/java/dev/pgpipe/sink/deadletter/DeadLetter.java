package dev.pgpipe.sink.deadletter;

import dev.pgpipe.cdc.pgoutput.Lsn;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event that was refused and set aside, wherever it is kept.
 *
 * @param origin the store that keeps it
 * @param id its id in that store (a {@code bigint})
 * @param sourceId the source (ledger or buffer source id) it came from
 * @param schema the table's schema (null for a logical message)
 * @param table the table's name (null for a logical message)
 * @param operation {@code insert}, {@code update}, {@code delete}, {@code truncate}, {@code
 *     snapshot}
 * @param commitLsn the commit LSN of its source transaction (0 for a snapshot row)
 * @param eventIndex its index within that transaction
 * @param event the event as the JSON envelope ({@code pgpipe-cdc/ENVELOPE.md})
 * @param error why it was refused, last time
 * @param sqlState the SQLSTATE of that refusal, when the server raised it
 * @param attempts how often it was refused: 1, plus one per failed replay
 * @param failedAt when it was last refused
 */
public record DeadLetter(
    Origin origin,
    long id,
    String sourceId,
    @Nullable String schema,
    @Nullable String table,
    String operation,
    long commitLsn,
    int eventIndex,
    String event,
    String error,
    @Nullable String sqlState,
    int attempts,
    Instant failedAt) {

  public DeadLetter {
    Objects.requireNonNull(origin, "origin");
    if (id < 1) {
      throw new IllegalArgumentException("dead-letter id must be > 0: " + id);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be > 0: " + attempts);
    }
  }

  /** {@code sink:12}: the origin and id, as {@code pgpipe deadletters show} takes it. */
  public String ref() {
    return origin.label() + ":" + id;
  }

  /** {@code schema.table}, or {@code -} for a logical message. */
  public String qualifiedTable() {
    return table == null ? "-" : (schema == null ? "" : schema + ".") + table;
  }

  /** {@code 0/1A2B3C8#4}: the commit LSN and event index, the order replays keep. */
  public String position() {
    return Lsn.format(commitLsn) + "#" + eventIndex;
  }
}
