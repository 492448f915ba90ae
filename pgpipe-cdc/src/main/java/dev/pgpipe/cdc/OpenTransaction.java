package dev.pgpipe.cdc;

import java.time.Instant;

/**
 * A transaction whose commit has not arrived yet: its identity, the LSN of its first record, the
 * events so far, and whether it is streamed (protocol 2: commit time and indexes known only at
 * Stream Commit).
 */
final class OpenTransaction implements AutoCloseable {

  final long xid;
  final long beginLsn;
  final Instant commitTime;
  final boolean streamed;
  final TxBuffer buffer;
  int nextIndex;

  OpenTransaction(long xid, long beginLsn, Instant commitTime, boolean streamed, TxBuffer buffer) {
    this.xid = xid;
    this.beginLsn = beginLsn;
    this.commitTime = commitTime;
    this.streamed = streamed;
    this.buffer = buffer;
  }

  @Override
  public void close() {
    buffer.close();
  }
}
