package dev.pgpipe.copy.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * inet and cidr.
 *
 * <pre>
 * byte family (2 = IPv4, 3 = IPv6: PostgreSQL's values, not the OS's AF_INET6)
 * byte bits (netmask length) | byte is_cidr | byte nbytes (4 or 16) | nbytes address bytes
 * </pre>
 *
 * Accepts {@link PgInet} and {@link InetAddress} (a host: full mask). cidr refuses an address with
 * bits set after the mask. Decoding gives {@link PgInet}.
 */
record NetCodec(PgType type) implements Codec {

  private static final int FAMILY_INET = 2;
  private static final int FAMILY_INET6 = 3;

  @Override
  public void encode(Object value, WireBuffer out) {
    PgInet inet =
        switch (value) {
          case PgInet given -> given;
          case InetAddress address -> PgInet.host(address);
          default ->
              throw new ValueRejectedException(
                  type + " (" + accepts() + ")", value.getClass().getSimpleName());
        };
    byte[] address = inet.address().getAddress();
    boolean cidr = type.kind() == PgKind.CIDR;
    if (cidr && !hostBitsZero(address, inet.bits())) {
      throw new ValueRejectedException("cidr with no bits set after the netmask", inet.toString());
    }
    out.putByte(address.length == 4 ? FAMILY_INET : FAMILY_INET6);
    out.putByte(inet.bits());
    out.putByte(cidr ? 1 : 0);
    out.putByte(address.length);
    out.putBytes(address, 0, address.length);
  }

  private static boolean hostBitsZero(byte[] address, int bits) {
    for (int bit = bits; bit < address.length * 8; bit++) {
      if ((address[bit / 8] & (0x80 >> (bit % 8))) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length) {
    Read.remaining("inet header", offset, 4, offset + length);
    int family = bytes[offset];
    int bits = bytes[offset + 1] & 0xFF;
    int size = bytes[offset + 3];
    int expected = family == FAMILY_INET ? 4 : 16;
    if ((family != FAMILY_INET && family != FAMILY_INET6) || size != expected) {
      throw new CopyFormatException("bad inet family " + family + " / size " + size, offset);
    }
    Read.width("inet", length, 4 + size, offset);
    try {
      InetAddress address =
          InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset + 4, offset + 4 + size));
      return new PgInet(address, bits);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new CopyFormatException("bad inet value: " + e.getMessage(), offset);
    }
  }

  @Override
  public String accepts() {
    return "PgInet or InetAddress";
  }
}
