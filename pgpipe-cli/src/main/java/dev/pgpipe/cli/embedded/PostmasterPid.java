package dev.pgpipe.cli.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running PostgreSQL server writes to {@code postmaster.pid} in its data directory.
 *
 * <pre>
 * line 1  process id of the postmaster
 * line 2  data directory
 * line 3  start time (epoch seconds)
 * line 4  port
 * line 5  Unix socket directory
 * line 6  listen address
 * line 7  shared memory key and id
 * line 8  status: starting, stopping, ready or standby
 * </pre>
 *
 * See {@code src/include/utils/pidfile.h} in the PostgreSQL sources. The file outlives a server
 * that crashed, so its presence alone proves nothing: check {@link #processAlive()}.
 */
record PostmasterPid(long pid, int port, String status) {

  static final String FILE_NAME = "postmaster.pid";

  /**
   * Reads the file of a data directory: empty when there is none, or when it is still being written
   * or is not a postmaster.pid at all.
   */
  static Optional<PostmasterPid> read(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (lines.size() < 4) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      String status = lines.size() >= 8 ? lines.get(7).trim() : "unknown";
      return Optional.of(new PostmasterPid(pid, port, status));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether a process with this id exists (it may, rarely, be another program that reused it). */
  boolean processAlive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
