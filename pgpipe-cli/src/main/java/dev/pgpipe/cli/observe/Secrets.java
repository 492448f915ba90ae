package dev.pgpipe.cli.observe;

import java.util.regex.Pattern;

/**
 * Removes what may be a secret from a text shown outside the process (health bodies, JSON logs):
 * the password of a URL's user information, and {@code password=}, {@code token=} or {@code
 * key=}-like parameters.
 */
public final class Secrets {

  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*):[^@/\\s]*@");
  private static final Pattern PARAMETER =
      Pattern.compile(
          "(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|key)\\s*[=:]\\s*)[^\\s&,;)'\"]+");

  private Secrets() {}

  /** {@code text} with passwords and keys replaced by {@code ***}. */
  public static String scrub(String text) {
    String without = USER_INFO.matcher(text).replaceAll("$1:***@");
    return PARAMETER.matcher(without).replaceAll("$1***");
  }
}
