package dev.pgpipe.cdc;

import dev.pgpipe.cdc.json.EnvelopeCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The events of one open transaction, each tagged with its (sub)transaction id. At most {@code
 * memoryLimit} events stay in memory; beyond that they are appended to a spill file (each event in
 * the binary form of {@link SpillCodec}, tagged with its subtransaction) that is read back in order
 * at commit and deleted on {@link #close()}. Not thread-safe.
 *
 * <pre>
 * spill record = subXid:i64 event
 * </pre>
 */
final class TxBuffer implements AutoCloseable {

  private record Entry(long subXid, ChangeEvent event) {}

  private final int memoryLimit;
  private final Path spillDirectory;
  private final EnvelopeCodec json;
  private @Nullable SpillCodec codec;
  private final List<Entry> memory = new ArrayList<>();
  private final Set<Long> abortedSubXids = new HashSet<>();
  private @Nullable Path spillFile;
  private @Nullable DataOutputStream spill;
  private long spilled;

  TxBuffer(int memoryLimit, Path spillDirectory, EnvelopeCodec json) {
    this.memoryLimit = memoryLimit;
    this.spillDirectory = spillDirectory;
    this.json = json;
  }

  void add(long subXid, ChangeEvent event) {
    memory.add(new Entry(subXid, event));
    if (memory.size() >= memoryLimit) {
      spillMemory();
    }
  }

  /** Events held in memory now. */
  int inMemory() {
    return memory.size();
  }

  /** Events written to the spill file so far. */
  long spilled() {
    return spilled;
  }

  /** Drops the events of an aborted subtransaction. */
  void abort(long subXid) {
    abortedSubXids.add(subXid);
    memory.removeIf(entry -> entry.subXid() == subXid);
  }

  /** Replays the surviving events in the order they were added. */
  void forEach(Consumer<ChangeEvent> action) {
    if (spill != null && spillFile != null) {
      try {
        spill.flush();
        replay(spillFile, action);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read spill file " + spillFile, e);
      }
    }
    for (Entry entry : memory) {
      if (!abortedSubXids.contains(entry.subXid())) {
        action.accept(entry.event());
      }
    }
  }

  private void replay(Path file, Consumer<ChangeEvent> action) throws IOException {
    SpillCodec reader = new SpillCodec(json);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      while (true) {
        long subXid;
        try {
          subXid = in.readLong();
        } catch (EOFException end) {
          return;
        }
        ChangeEvent event = reader.read(in);
        if (!abortedSubXids.contains(subXid)) {
          action.accept(event);
        }
      }
    }
  }

  private void spillMemory() {
    try {
      DataOutputStream out = spill;
      if (out == null) {
        Path file = Files.createTempFile(spillDirectory, "pgpipe-cdc-", ".spill");
        spillFile = file;
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        spill = out;
        codec = new SpillCodec(json);
      }
      SpillCodec writer = java.util.Objects.requireNonNull(codec);
      for (Entry entry : memory) {
        out.writeLong(entry.subXid());
        writer.write(out, entry.event());
      }
      spilled += memory.size();
      memory.clear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill a large transaction to " + spillDirectory, e);
    }
  }

  @Override
  public void close() {
    memory.clear();
    try {
      if (spill != null) {
        spill.close();
      }
      if (spillFile != null) {
        Files.deleteIfExists(spillFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete spill file " + spillFile, e);
    } finally {
      spill = null;
      spillFile = null;
      codec = null;
    }
  }
}
