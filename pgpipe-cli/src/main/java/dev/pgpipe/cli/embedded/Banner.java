package dev.pgpipe.cli.embedded;

import java.io.PrintWriter;

/** Tells the user, on standard error, which embedded server a command uses and how to reach it. */
public final class Banner {

  private Banner() {}

  /** Prints which server is used, whether this process owns it, and the psql command. */
  public static void print(EmbeddedServer server, PrintWriter err) {
    if (server.isOwned()) {
      err.printf(
          "pgpipe: started the embedded PostgreSQL on port %d; it stops when this command ends%n",
          server.port());
    } else {
      err.printf(
          "pgpipe: using the embedded PostgreSQL already running on port %d%n", server.port());
    }
    err.printf(
        "pgpipe: data in %s (kept between runs), server log in %s%n",
        server.dataDirectory(), server.logFile());
    err.printf("pgpipe: connect with: %s%n", server.psqlCommand());
    err.flush();
  }
}
