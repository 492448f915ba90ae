package dev.pgpipe.copy.codec;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An inet or cidr value: an address and its netmask length. For cidr the bits after the mask must
 * be zero.
 */
public record PgInet(InetAddress address, int bits) {

  public PgInet {
    int max = maxBits(address);
    if (bits < 0 || bits > max) {
      throw new IllegalArgumentException(
          "bits must be 0.." + max + " for " + address + ": " + bits);
    }
  }

  /** A single host: the address with its full mask (/32 or /128). */
  public static PgInet host(InetAddress address) {
    return new PgInet(address, maxBits(address));
  }

  static int maxBits(InetAddress address) {
    return address instanceof Inet4Address ? 32 : 128;
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + bits;
  }
}
