package dev.pgpipe.bench.replicate;

/**
 * One way of applying the source's changes to a target, started on a slot that exists already:
 * PostgreSQL's subscription, {@code pgpipe replicate}, the change buffer or JetStream.
 */
sealed interface ApplyPath
    permits NativeSubscription, PgpipeReplication, BufferPath, JetStreamPath {

  /** Its name in the report. */
  String name();

  /** The slot it reads. */
  String slot();

  /** The database it writes to. */
  dev.pgpipe.client.ConnectionSettings target();

  /** Creates what it needs before it is timed (nothing for some). */
  void prepare();

  /** Starts applying; closing the handle stops it and drops what {@link #prepare()} made. */
  Running start();

  /** A started path. */
  interface Running extends AutoCloseable {

    /** Throws what the path failed with, if it failed. */
    void check();

    @Override
    void close();
  }
}
