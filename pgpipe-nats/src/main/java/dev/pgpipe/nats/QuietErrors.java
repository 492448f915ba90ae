package dev.pgpipe.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs asynchronous NATS errors once each through SLF4J instead of jnats' standard error output.
 */
final class QuietErrors implements ErrorListener {

  private static final Logger log = LoggerFactory.getLogger(QuietErrors.class);

  @Override
  public void errorOccurred(Connection conn, String error) {
    log.warn("NATS error: {}", error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    log.debug("NATS connection exception: {}", exp.toString());
  }
}
