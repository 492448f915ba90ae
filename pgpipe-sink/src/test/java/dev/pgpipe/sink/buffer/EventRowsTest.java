package dev.pgpipe.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeException;
import dev.pgpipe.sink.Events;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event split into the buffer's columns and joined back: the same event and place in its
 * transaction, also from the text PostgreSQL's jsonb gives back (keys reordered, spaces added),
 * from SQL NULL rows, and with rows left in the metadata by another writer; SQL NULL metadata is
 * refused as no envelope.
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
  void readsTheTextJsonbGivesBackAndTakesSqlNullAsJsonNull() throws Exception {
    ChangeEvent insert = tx.events().get(0);
    EventRows.Json json = rows.split(tx, insert, false);

    BufferedEvent back = rows.join(7, "s", null, json.after(), jsonb(json.metadata()));

    assertThat(back.event()).isEqualTo(insert);
    assertThat(back.lastOfTransaction()).isFalse();
    assertThat(back.commitLsn()).isEqualTo(tx.commitLsn());
    assertThatThrownBy(() -> rows.join(7, "s", null, json.after(), null))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("not a pgpipe.cdc.event/1 envelope");
  }

  /**
   * The object as jsonb's text output writes it: keys shorter first, then in byte order, with a
   * space after each colon and comma.
   */
  private static String jsonb(String object) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode node = mapper.readTree(object);
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    keys.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
    StringBuilder text = new StringBuilder("{");
    for (String key : keys) {
      text.append(text.length() > 1 ? ", " : "").append(mapper.writeValueAsString(key));
      text.append(": ").append(node.get(key));
    }
    return text.append('}').toString();
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
