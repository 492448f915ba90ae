package dev.pgpipe.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Says which TLS check refused a connection, so an operator knows whether the CA or the host name
 * is wrong.
 *
 * <p>Told apart by the failure's shape, never its text: a certificate that no trusted CA signed
 * fails the handshake with a certificate path exception among the causes; a certificate that does
 * not name the host (checked after the handshake with {@code sslmode=verify-full}) comes from
 * pgjdbc as a connection failure (SQLSTATE 08006) without any cause, unlike a network failure,
 * which carries its I/O exception.
 */
public final class TlsFailure {

  private static final String CONNECTION_FAILURE = "08006";

  private TlsFailure() {}

  /**
   * What went wrong and what to do, when {@code failure} is a refused TLS check on a connection
   * made with {@code settings}; empty for every other failure.
   */
  public static Optional<String> explain(SQLException failure, ConnectionSettings settings) {
    String mode = settings.parameters().getOrDefault("sslmode", "prefer");
    @Nullable String rootCert = settings.parameters().get("sslrootcert");
    if (isUntrustedCertificate(failure)) {
      return Optional.of(
          rootCert == null
              ? "the server's certificate is not signed by a CA this client trusts (sslmode="
                  + mode
                  + "): set sslrootcert (POSTGRES_INPUT_SSLROOTCERT, POSTGRES_OUTPUT_SSLROOTCERT"
                  + " or PGSSLROOTCERT) to the CA that signed it"
              : "the server's certificate is not signed by the CA in sslrootcert "
                  + rootCert
                  + " (wrong CA): point sslrootcert at the CA that signed the server's"
                  + " certificate");
    }
    if (mode.equals("verify-full")
        && CONNECTION_FAILURE.equals(failure.getSQLState())
        && failure.getCause() == null) {
      return Optional.of(
          "the server's certificate does not name the host name "
              + settings.host()
              + " (sslmode=verify-full checks it): connect by a name the certificate lists,"
              + " or use sslmode=verify-ca to check the CA only");
    }
    return Optional.empty();
  }

  /**
   * Whether {@code failure} (or a cause) is a TLS handshake that found no trusted CA behind the
   * peer's certificate, for transports other than PostgreSQL.
   */
  public static boolean isUntrustedCertificate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
