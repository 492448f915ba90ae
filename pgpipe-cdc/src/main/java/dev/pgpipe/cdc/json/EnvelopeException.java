package dev.pgpipe.cdc.json;

/** A line that is not a valid envelope: not JSON, a missing field, a value of the wrong type. */
public final class EnvelopeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EnvelopeException(String message) {
    super(message);
  }

  public EnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }
}
