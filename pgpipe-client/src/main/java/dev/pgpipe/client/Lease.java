package dev.pgpipe.client;

import java.sql.Connection;

/** A connection borrowed for one piece of work; closing the lease gives it back. */
interface Lease extends AutoCloseable {

  Connection connection();

  @Override
  void close();
}
