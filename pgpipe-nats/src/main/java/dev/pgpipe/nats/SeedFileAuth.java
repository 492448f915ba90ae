package dev.pgpipe.nats;

import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/** Signs the server's nonce with an NKey read from a seed file ({@code SU...}, one line). */
final class SeedFileAuth implements AuthHandler {

  private final NKey key;

  private SeedFileAuth(NKey key) {
    this.key = key;
  }

  static SeedFileAuth read(Path seedFile) {
    try {
      String seed = Files.readString(seedFile, StandardCharsets.US_ASCII).strip();
      if (!seed.startsWith("S")) {
        throw new NatsTransportException(
            "NKey seed file " + seedFile + " does not hold a seed (it should start with 'SU')");
      }
      return new SeedFileAuth(NKey.fromSeed(seed.toCharArray()));
    } catch (IOException e) {
      throw new NatsTransportException("cannot read NKey seed file " + seedFile, e);
    }
  }

  @Override
  public byte[] sign(byte[] nonce) {
    try {
      return key.sign(nonce);
    } catch (GeneralSecurityException | IOException e) {
      throw new NatsTransportException("cannot sign the NATS nonce with the NKey", e);
    }
  }

  @Override
  public char[] getID() {
    try {
      return key.getPublicKey();
    } catch (GeneralSecurityException | IOException e) {
      throw new NatsTransportException("cannot derive the public key of the NKey", e);
    }
  }

  @Override
  public char @Nullable [] getJWT() {
    return null;
  }
}
