package dev.pgpipe.testkit.proxy;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Finds a byte pattern in a stream read in chunks, also when the pattern straddles two chunks: it
 * keeps the last {@code pattern.length - 1} bytes of the previous chunk. One per stream direction.
 */
final class PatternWindow {

  private byte[] tail = new byte[0];

  /** Whether the pattern ends within this chunk (counting the kept tail); null never matches. */
  boolean matches(byte @Nullable [] pattern, byte[] chunk, int length) {
    if (pattern == null) {
      tail = new byte[0];
      return false;
    }
    byte[] joined = Arrays.copyOf(tail, tail.length + length);
    System.arraycopy(chunk, 0, joined, tail.length, length);
    int keep = Math.min(pattern.length - 1, joined.length);
    tail = Arrays.copyOfRange(joined, joined.length - keep, joined.length);
    return indexOf(joined, pattern) >= 0;
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
