package dev.pgpipe.sink.deadletter;

/**
 * Where a dead letter is kept.
 *
 * <ul>
 *   <li>{@link #SINK}: {@code <schema>.sink_dead_letters} on the target, the rows the table sink
 *       refused, whichever way their changes came ({@code replicate}, {@code buffer process},
 *       {@code sink --from nats}); replayed in the target transaction that removes them.
 *   <li>{@link #BUFFER}: {@code <schema>.cdc_dead_letters} in the buffer's database, the batches a
 *       buffer handler that sets failures aside gave up on after its attempts (the table sink never
 *       does: its refusals are {@link #SINK} letters).
 * </ul>
 */
public enum Origin {
  SINK("sink"),
  BUFFER("buffer");

  private final String label;

  Origin(String label) {
    this.label = label;
  }

  /** The name used on the command line and in ids: {@code sink}, {@code buffer}. */
  public String label() {
    return label;
  }

  /** The origin named {@code label}, as {@link #label()} spells it. */
  public static Origin parse(String label) {
    for (Origin o : values()) {
      if (o.label.equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown dead-letter store: " + label + " (use sink or buffer)");
  }
}
