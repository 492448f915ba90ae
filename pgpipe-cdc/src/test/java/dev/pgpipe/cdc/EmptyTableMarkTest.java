package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmptyTableMarkTest {

  private static final EventPosition AT = new EventPosition(0, 0, Instant.EPOCH, 0);

  @Test
  void aMarkReadsBackFromItsEventWithNamesThatNeedQuoting() {
    EmptyTableMark mark = new EmptyTableMark("we\"ird.schema", "tab\\le \u00e9");

    ChangeEvent event = mark.event(AT);

    assertThat(event.operation()).isEqualTo(Operation.MESSAGE);
    assertThat(EmptyTableMark.of(event)).contains(mark);
  }

  @Test
  void otherEventsAndMessagesAreNoMark() {
    assertThat(EmptyTableMark.of(message("pgpipe.other", "{}"))).isEmpty();
    assertThat(
            EmptyTableMark.of(
                new ChangeEvent(
                    Operation.TRUNCATE,
                    new TableSchema("public", "t", 'd', List.of()),
                    null,
                    null,
                    null,
                    0,
                    AT)))
        .isEmpty();
  }

  @Test
  void aMessageOfTheMarksPrefixThatNamesNoTableIsRefusedWithItsContent() {
    assertThatThrownBy(() -> EmptyTableMark.of(message(EmptyTableMark.PREFIX, "{\"schema\":1}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must name a table")
        .hasMessageContaining("{\"schema\":1}");
    assertThatThrownBy(() -> EmptyTableMark.of(message(EmptyTableMark.PREFIX, "not json")))
        .hasMessageContaining("not json");
  }

  private static ChangeEvent message(String prefix, String content) {
    LogicalMessage message =
        new LogicalMessage(prefix, content.getBytes(StandardCharsets.UTF_8), false);
    return new ChangeEvent(Operation.MESSAGE, null, null, null, message, 0, AT);
  }
}
