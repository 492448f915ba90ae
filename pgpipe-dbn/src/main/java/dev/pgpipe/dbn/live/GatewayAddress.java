package dev.pgpipe.dbn.live;

import java.util.Locale;

/**
 * Where a live gateway listens. Immutable.
 *
 * @param host a host name or IP address literal
 * @param port 1 to 65535
 */
public record GatewayAddress(String host, int port) {
  /** The gateways' port. */
  public static final int DEFAULT_PORT = 13000;

  /** Checks the host and port. */
  public GatewayAddress {
    if (host.isBlank()) {
      throw new IllegalArgumentException("gateway host is blank");
    }
    if (port < 1 || port > 0xFFFF) {
      throw new IllegalArgumentException("gateway port must be 1 to 65535: " + port);
    }
  }

  /**
   * The gateway of a dataset: its code lower-cased with '.' replaced by '-', under {@code
   * lsg.databento.com}, e.g. {@code glbx-mdp3.lsg.databento.com:13000} for {@code GLBX.MDP3}.
   */
  public static GatewayAddress forDataset(String dataset) {
    String host = dataset.strip().toLowerCase(Locale.ROOT).replace('.', '-');
    return new GatewayAddress(host + ".lsg.databento.com", DEFAULT_PORT);
  }

  /**
   * Parses {@code host:port}, {@code [ipv6]:port}, or a bare host (port 13000). Throws {@link
   * IllegalArgumentException} with the text for anything else.
   */
  public static GatewayAddress parse(String text) {
    String s = text.strip();
    int colon = s.lastIndexOf(':');
    boolean bracketed = s.startsWith("[");
    if (colon < 0
        || (bracketed && colon < s.indexOf(']'))
        || (!bracketed && s.indexOf(':') != colon)) {
      return new GatewayAddress(unbracket(s), DEFAULT_PORT);
    }
    try {
      return new GatewayAddress(
          unbracket(s.substring(0, colon)), Integer.parseInt(s.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("gateway must be host:port, got '" + text + "'", e);
    }
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
