package dev.pgpipe.cdc.pgoutput;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds pgoutput messages byte by byte, for tests. */
final class MessageWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static MessageWriter type(char type) {
    MessageWriter writer = new MessageWriter();
    writer.out.write(type);
    return writer;
  }

  MessageWriter int8(int value) {
    out.write(value);
    return this;
  }

  MessageWriter int16(int value) {
    out.writeBytes(ByteBuffer.allocate(2).putShort((short) value).array());
    return this;
  }

  MessageWriter int32(long value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) value).array());
    return this;
  }

  MessageWriter int64(long value) {
    out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    return this;
  }

  MessageWriter cstring(String value) {
    out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    return this;
  }

  MessageWriter text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.write('t');
    int32(bytes.length);
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
