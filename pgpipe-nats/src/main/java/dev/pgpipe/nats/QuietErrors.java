package dev.pgpipe.nats;

import dev.pgpipe.client.TlsFailure;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs asynchronous NATS errors once each through SLF4J instead of jnats' standard error output,
 * and keeps the last one for health checks. Thread-safe.
 */
final class QuietErrors implements ErrorListener {

  private static final Logger log = LoggerFactory.getLogger(QuietErrors.class);

  @Override
  public void errorOccurred(Connection conn, String error) {
    lastError = error;
    log.warn("NATS error: {}", error);
  }

  private volatile boolean untrustedCertificate;
  private volatile @Nullable String lastError;

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    if (TlsFailure.isUntrustedCertificate(exp)) {
      untrustedCertificate = true;
    }
    lastError = exp.toString();
    log.debug("NATS connection exception: {}", exp.toString());
  }

  /**
   * Whether a TLS handshake failed because no trusted CA signed the server's certificate (jnats
   * reports the first connection's failure without that cause, but hands it to this listener).
   */
  boolean sawUntrustedCertificate() {
    return untrustedCertificate;
  }

  /** The last error or exception reported, or null. */
  @Nullable String lastError() {
    return lastError;
  }
}
