package dev.pgpipe.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.Events;
import org.junit.jupiter.api.Test;

/**
 * An event split into the buffer's columns and joined back: the same event and place in its
 * transaction, also from the text PostgreSQL's jsonb gives back (keys reordered, spaces added),
 * from SQL NULL rows, and with rows left in the metadata by another writer.
 */
class EventRowsTest {

  private final EventRows rows = new EventRows();
  private final Transaction tx = new Events("t", 100).insert(1, "a", 1).update(2, "b", 2).tx();

  @Test
  void joiningTheSplitColumnsGivesTheEventAndItsPlaceBack() {
    for (int i = 0; i < tx.size(); i++) {
      ChangeEvent event = tx.events().get(i);
      EventRows.Json json = rows.split(tx, event, i == tx.size() - 1);

      BufferedEvent back = rows.join(7, "s", json.before(), json.after(), json.metadata());

      assertThat(back.event()).isEqualTo(event);
      assertThat(back.commitLsn()).isEqualTo(tx.commitLsn());
      assertThat(back.endLsn()).isEqualTo(tx.endLsn());
      assertThat(back.lastOfTransaction()).isEqualTo(i == tx.size() - 1);
    }
  }

  @Test
  void readsTheTextJsonbGivesBackAndTakesSqlNullAsJsonNull() {
    ChangeEvent insert = tx.events().get(0);
    EventRows.Json json = rows.split(tx, insert, false);
    String jsonb = " { " + json.metadata().substring(1).replace(",\"", ", \"") + " ";

    BufferedEvent back = rows.join(7, "s", null, json.after(), jsonb);

    assertThat(back.event()).isEqualTo(insert);
    assertThat(back.lastOfTransaction()).isFalse();
    assertThat(back.commitLsn()).isEqualTo(tx.commitLsn());
  }

  @Test
  void theRowsInTheirColumnsWinOverRowsLeftInTheMetadata() {
    ChangeEvent insert = tx.events().get(0);
    EventRows.Json json = rows.split(tx, insert, true);
    String metadata =
        "{\"after\":{\"id\":99},\"before\":{\"id\":98}," + json.metadata().substring(1);

    BufferedEvent back = rows.join(7, "s", json.before(), json.after(), metadata);

    assertThat(back.event()).isEqualTo(insert);
  }

  @Test
  void metadataWithoutTheBuffersFieldsReadsAsTheLastEventOfNoPosition() {
    ChangeEvent insert = tx.events().get(0);
    EventRows.Json json = rows.split(tx, insert, false);
    String metadata =
        json.metadata()
            .replaceAll(",\"commit_lsn\":\"[^\"]*\"", "")
            .replaceAll(",\"end_lsn\":\"[^\"]*\"", "")
            .replace(",\"last_of_transaction\":false", "");

    BufferedEvent back = rows.join(7, "s", json.before(), json.after(), metadata);

    assertThat(back.event()).isEqualTo(insert);
    assertThat(back.commitLsn()).isZero();
    assertThat(back.endLsn()).isZero();
    assertThat(back.lastOfTransaction()).isTrue();
  }
}
