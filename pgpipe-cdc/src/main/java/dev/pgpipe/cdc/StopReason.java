package dev.pgpipe.cdc;

/** Why a {@link DrainLoop} (or another long-running job) returned. */
public enum StopReason {
  /** The source has nothing more ({@code initial_only} snapshot done, or the job ended itself). */
  FINISHED("finished"),
  /** Stopped on request: Ctrl-C, {@link DrainLoop#stop()} from another thread, or an interrupt. */
  INTERRUPTED("interrupted"),
  /** The {@linkplain StopRules maximum number of transactions} was reached. */
  MAX_TRANSACTIONS("max-transactions"),
  /** The {@linkplain StopRules maximum duration} was reached. */
  MAX_DURATION("max-duration"),
  /** Nothing came for the {@linkplain StopRules idle limit}. */
  IDLE("idle");

  private final String label;

  StopReason(String label) {
    this.label = label;
  }

  /** The flag-like name: {@code interrupted}, {@code max-transactions}, ... */
  public String label() {
    return label;
  }

  /** {@code finished}, or {@code stopped (<label>)}, as the command summaries print it. */
  public String describe() {
    return this == FINISHED ? label : "stopped (" + label + ")";
  }
}
