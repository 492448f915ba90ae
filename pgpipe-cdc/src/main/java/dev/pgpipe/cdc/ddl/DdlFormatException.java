package dev.pgpipe.cdc.ddl;

import dev.pgpipe.cdc.pgoutput.Lsn;
import org.jspecify.annotations.Nullable;

/**
 * A {@value DdlEvents#PREFIX} message that is not what pgpipe's DDL capture writes: not JSON, a
 * missing or mistyped field, a version this pgpipe does not know. Keeps the LSN of the message.
 */
public final class DdlFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long lsn;

  public DdlFormatException(String what, long lsn) {
    this(what, lsn, null);
  }

  public DdlFormatException(String what, long lsn, @Nullable Throwable cause) {
    super(
        "malformed "
            + DdlEvents.PREFIX
            + " message at LSN "
            + Lsn.format(lsn)
            + ": "
            + what
            + " (was it written by another tool, or by a newer pgpipe?)",
        cause);
    this.lsn = lsn;
  }

  /** The LSN of the message. */
  public long lsn() {
    return lsn;
  }
}
