package dev.pgpipe.market;

import dev.pgpipe.dbn.DbnException;
import java.nio.file.Path;

/**
 * A load stopped at a file that cannot be decoded. The rows of the records before the damage were
 * loaded and committed; {@link #report()} counts them, and loading the file again after repairing
 * it adds only the rest.
 */
public final class LoadFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient LoadReport report;
  private final Path file;
  private final transient DbnException cause;

  LoadFailedException(Path file, DbnException cause, LoadReport report) {
    super(
        file
            + ": "
            + cause.getMessage()
            + "; loaded before the failure: "
            + report.rows()
            + " rows"
            + summary(report),
        cause);
    this.report = report;
    this.file = file;
    this.cause = cause;
  }

  private static String summary(LoadReport report) {
    StringBuilder text = new StringBuilder();
    for (TableReport table : report.tables()) {
      text.append(text.length() == 0 ? " (" : ", ");
      text.append(table.table()).append(' ').append(table.records());
    }
    return text.length() == 0 ? "" : text.append(')').toString();
  }

  /** What was loaded before the failure. */
  public LoadReport report() {
    return report;
  }

  /** The file that failed. */
  public Path file() {
    return file;
  }

  /** The decoding failure, with its code and byte offset. */
  public DbnException dbnException() {
    return cause;
  }
}
