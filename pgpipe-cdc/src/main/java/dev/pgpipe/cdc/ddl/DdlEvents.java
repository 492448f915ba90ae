package dev.pgpipe.cdc.ddl;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the DDL events in a change stream. They travel as ordinary {@link Operation#MESSAGE} events
 * with prefix {@value #PREFIX}, so they survive every transport (JSON envelope, buffer, JetStream)
 * unchanged and are decoded only where they are used; a consumer that ignores them loses nothing
 * else. Each sits in its transaction at the position of the DDL statement: after the changes made
 * before it, before those made after it. A rolled-back statement leaves none. The operation filter
 * of the stream must let messages through. Logical messages are not filtered by publication or
 * table filter: DDL on every table of the source database arrives, so match tables by relation OID
 * (the one Relation messages carry). Table columns include generated ones, which pgoutput does not
 * publish up to PostgreSQL 17. Stateless and thread-safe.
 *
 * <pre>{@code
 * for (ChangeEvent event : transaction.events()) {
 *   for (DdlEvent ddl : DdlEvents.of(event)) {
 *     if (ddl instanceof DdlEvent.TableAltered altered) { ... }
 *   }
 *   // apply the event's row change
 * }
 * }</pre>
 */
public final class DdlEvents {

  /** The prefix of the logical messages the capture trigger writes. */
  public static final String PREFIX = "pgpipe.ddl";

  private DdlEvents() {}

  /** Whether {@code event} is a DDL capture message. */
  public static boolean isDdl(ChangeEvent event) {
    LogicalMessage message = event.message();
    return message != null && message.prefix().equals(PREFIX);
  }

  /**
   * The DDL events of {@code event}: none unless it is a DDL capture message.
   *
   * @throws DdlFormatException when it is one but cannot be decoded
   */
  public static List<DdlEvent> of(ChangeEvent event) {
    LogicalMessage message = event.message();
    if (message == null || !message.prefix().equals(PREFIX)) {
      return List.of();
    }
    return DdlDecoder.decode(message.content(), event.lsn());
  }

  /**
   * Every DDL event of {@code transaction} with its place: the index of its message event in {@link
   * Transaction#events()} and the message's LSN.
   *
   * @throws DdlFormatException when a DDL message cannot be decoded
   */
  public static List<Placed> in(Transaction transaction) {
    List<Placed> placed = new ArrayList<>();
    List<ChangeEvent> events = transaction.events();
    for (int i = 0; i < events.size(); i++) {
      for (DdlEvent ddl : of(events.get(i))) {
        placed.add(new Placed(i, events.get(i).lsn(), ddl));
      }
    }
    return placed;
  }

  /**
   * A DDL event and where it sits: {@code index} into the events of its transaction part, {@code
   * lsn} of its message.
   */
  public record Placed(int index, long lsn, DdlEvent event) {}
}
