package dev.pgpipe.cli;

import dev.pgpipe.client.PgException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed command in one line, {@code pgpipe <command>: <message>}, and exits with 1.
 *
 * <p>The messages of pgpipe's exceptions carry the facts (SQLSTATE, offending values) and never
 * secrets, so they are shown as they are; the cause chain is added when it says more. With {@code
 * PGPIPE_DEBUG} set, the stack trace follows.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  static final int EXIT_FAILURE = 1;
  private static final int MAX_CAUSES = 10;

  private final boolean debug;

  FailureHandler(Environment environment) {
    this.debug = environment.get("PGPIPE_DEBUG").isPresent();
  }

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(exception));
    if (debug) {
      exception.printStackTrace(err);
    }
    err.flush();
    return EXIT_FAILURE;
  }

  static String describe(Throwable exception) {
    if (exception instanceof PgException) {
      return message(exception); // SQLSTATE, detail and hint are in it; the driver's cause repeats
    }
    StringBuilder text = new StringBuilder(message(exception));
    Throwable cause = exception.getCause();
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      String more = message(cause).lines().findFirst().orElse("");
      if (text.indexOf(more) < 0) {
        text.append(" (caused by ").append(more).append(')');
      }
      cause = cause.getCause();
    }
    return text.toString();
  }

  private static String message(Throwable exception) {
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }
}
