package dev.pgpipe.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a usage error in a few lines rather than the whole help: what was wrong, picocli's
 * suggestions for a mistyped name, and where to read more. Exit code 2.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String name = commandLine.getCommandSpec().qualifiedName();
    err.println(name + ": " + exception.getMessage());
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Run '" + name + " --help' for the commands and options.");
    err.flush();
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }
}
