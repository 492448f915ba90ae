package dev.pgpipe.client;

/**
 * JSON text bound as a parameter: the server takes it as {@code json} or {@code jsonb}, whichever
 * the column or cast asks for. The text is not parsed on the client.
 */
public record Json(String text) {

  public static Json of(String text) {
    return new Json(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
