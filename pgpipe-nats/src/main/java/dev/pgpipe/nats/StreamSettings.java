package dev.pgpipe.nats;

import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import java.time.Duration;
import java.util.List;

/**
 * The JetStream stream that carries change data: its name, the subjects it captures, storage (file
 * by default), replicas (1; use 3 on a cluster), retention (limits: messages stay until {@code
 * maxAge}; interest and work-queue are possible when every consumer is known), maximum age (7 days;
 * zero keeps messages forever) and the duplicate window within which a re-published message (same
 * {@code Nats-Msg-Id}) is dropped (2 minutes: longer than a publisher takes to restart). Both the
 * publisher and the consumers create the stream when it is missing and check it when it exists: a
 * difference is reported, never changed silently. Immutable.
 */
public record StreamSettings(
    String name,
    List<String> subjects,
    StorageType storage,
    int replicas,
    RetentionPolicy retention,
    Duration maxAge,
    Duration duplicateWindow) {

  public static final String DEFAULT_NAME = "PGPIPE";

  public StreamSettings {
    subjects = List.copyOf(subjects);
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "stream name must be letters, digits, '_' or '-': '" + name + "'");
    }
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("stream " + name + " needs at least one subject");
    }
    if (replicas < 1 || replicas > 5) {
      throw new IllegalArgumentException("replicas must be 1..5: " + replicas);
    }
    if (maxAge.isNegative() || duplicateWindow.isNegative() || duplicateWindow.isZero()) {
      throw new IllegalArgumentException(
          "need maxAge >= 0 and duplicateWindow > 0: " + maxAge + ", " + duplicateWindow);
    }
  }

  /** The defaults for a stream capturing {@code <prefix>.>}. */
  public static StreamSettings defaults(String name, String subjectPrefix) {
    return new StreamSettings(
        name,
        List.of(subjectPrefix + ".>"),
        StorageType.File,
        1,
        RetentionPolicy.Limits,
        Duration.ofDays(7),
        Duration.ofMinutes(2));
  }

  /** {@code PGPIPE} capturing {@code pgpipe.>}, file storage, one replica, 7 days, 2 minutes. */
  public static StreamSettings defaults() {
    return defaults(DEFAULT_NAME, Subjects.DEFAULT_PREFIX);
  }

  public StreamSettings withName(String newName) {
    return new StreamSettings(
        newName, subjects, storage, replicas, retention, maxAge, duplicateWindow);
  }

  public StreamSettings withReplicas(int count) {
    return new StreamSettings(name, subjects, storage, count, retention, maxAge, duplicateWindow);
  }

  public StreamSettings withMaxAge(Duration age) {
    return new StreamSettings(name, subjects, storage, replicas, retention, age, duplicateWindow);
  }

  public StreamSettings withDuplicateWindow(Duration window) {
    return new StreamSettings(name, subjects, storage, replicas, retention, maxAge, window);
  }

  public StreamSettings withStorage(StorageType type) {
    return new StreamSettings(name, subjects, type, replicas, retention, maxAge, duplicateWindow);
  }

  public StreamSettings withRetention(RetentionPolicy policy) {
    return new StreamSettings(name, subjects, storage, replicas, policy, maxAge, duplicateWindow);
  }
}
