package dev.pgpipe.sink.backfill;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.ChunkReader;
import dev.pgpipe.cdc.LogicalMessage;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A watermark message's content: {@code low <window id>} or {@code high <window id>}, written with
 * prefix {@link ChunkReader#WATERMARK_PREFIX}. Pure.
 */
record Watermark(boolean low, String window) {

  String content() {
    return (low ? "low " : "high ") + window;
  }

  /** The watermark an event carries; null when it is not one. */
  static @Nullable Watermark of(ChangeEvent event) {
    LogicalMessage message = event.message();
    if (message == null || !message.prefix().equals(ChunkReader.WATERMARK_PREFIX)) {
      return null;
    }
    String text = new String(message.content(), StandardCharsets.UTF_8);
    if (text.startsWith("low ")) {
      return new Watermark(true, text.substring(4));
    }
    return text.startsWith("high ") ? new Watermark(false, text.substring(5)) : null;
  }
}
