package dev.pgpipe.cdc;

import java.util.Arrays;
import java.util.Objects;

/** A message written with {@code pg_logical_emit_message(transactional, prefix, content)}. */
public record LogicalMessage(String prefix, byte[] content, boolean transactional) {

  public LogicalMessage {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogicalMessage m
        && prefix.equals(m.prefix)
        && transactional == m.transactional
        && Arrays.equals(content, m.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prefix, transactional) * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "LogicalMessage[" + prefix + ", " + content.length + " bytes]";
  }
}
