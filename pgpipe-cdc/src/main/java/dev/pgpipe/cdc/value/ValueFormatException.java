package dev.pgpipe.cdc.value;

/** A value whose text does not parse as its type; keeps the type name and (shortened) text. */
public final class ValueFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ValueFormatException(String typeName, String text, Throwable cause) {
    super(
        "cannot decode a value of type "
            + typeName
            + " from text '"
            + (text.length() > 80 ? text.substring(0, 80) + "..." : text)
            + "': "
            + cause.getMessage(),
        cause);
  }
}
