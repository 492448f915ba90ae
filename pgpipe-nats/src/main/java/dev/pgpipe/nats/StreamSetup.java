package dev.pgpipe.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the stream when it is missing; reports how an existing one differs. */
final class StreamSetup {

  private static final Logger log = LoggerFactory.getLogger(StreamSetup.class);

  /** JetStream's API error code for "stream not found". */
  static final int STREAM_NOT_FOUND = 10059;

  private StreamSetup() {}

  /**
   * Makes sure the stream exists with the given settings, asking again while JetStream does not
   * answer ({@code unanswered}).
   *
   * @throws NatsTransportException when it exists with other settings, or JetStream is unusable
   */
  static StreamInfo ensure(
      JetStreamManagement jsm, StreamSettings settings, Unanswered unanswered) {
    try {
      return unanswered.retry("stream " + settings.name(), () -> ensureOnce(jsm, settings));
    } catch (IOException | JetStreamApiException e) {
      throw new NatsTransportException(
          "cannot set up stream " + settings.name() + ": " + e.getMessage(), e);
    }
  }

  private static StreamInfo ensureOnce(JetStreamManagement jsm, StreamSettings settings) {
    try {
      StreamInfo existing;
      try {
        existing = jsm.getStreamInfo(settings.name());
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
          throw e;
        }
        existing = create(jsm, settings);
      }
      warnings(existing.getConfiguration()).forEach(w -> log.warn("{}", w));
      List<String> differences = differences(settings, existing.getConfiguration());
      if (!differences.isEmpty()) {
        throw new NatsTransportException(
            "JetStream stream "
                + settings.name()
                + " exists with other settings: "
                + String.join("; ", differences)
                + ". pgpipe does not change an existing stream: edit it (nats stream edit "
                + settings.name()
                + ") or configure the same values");
      }
      return existing;
    } catch (JetStreamApiException e) {
      throw new NatsTransportException(
          "JetStream refused to set up stream "
              + settings.name()
              + ": "
              + e.getMessage()
              + " (is the server started with -js?)",
          e);
    } catch (IOException e) {
      throw new NatsTransportException(
          "no answer from JetStream while setting up stream " + settings.name(), e);
    }
  }

  /**
   * Creates the stream, or returns the one another process created at the same moment (a publisher
   * and a consumer starting together on a fresh server both find it missing; the loser's create is
   * refused, as "name in use" or "subjects overlap"): its settings are then checked like any
   * existing stream's.
   */
  private static StreamInfo create(JetStreamManagement jsm, StreamSettings settings)
      throws IOException, JetStreamApiException {
    log.info("creating JetStream stream {} for {}", settings.name(), settings.subjects());
    try {
      return jsm.addStream(configuration(settings));
    } catch (JetStreamApiException refused) {
      try {
        return jsm.getStreamInfo(settings.name());
      } catch (JetStreamApiException stillMissing) {
        refused.addSuppressed(stillMissing);
        throw refused;
      }
    }
  }

  static StreamConfiguration configuration(StreamSettings settings) {
    return StreamConfiguration.builder()
        .name(settings.name())
        .subjects(settings.subjects())
        .storageType(settings.storage())
        .replicas(settings.replicas())
        .retentionPolicy(settings.retention())
        .maxAge(settings.maxAge())
        .duplicateWindow(settings.duplicateWindow())
        .discardPolicy(DiscardPolicy.New)
        .build();
  }

  /**
   * What is dangerous about a stream's settings: with {@code DiscardOld} (JetStream's default) and
   * a message, byte or per-subject limit, JetStream deletes the oldest messages when the limit is
   * hit, even ones no consumer took: silent loss. pgpipe creates its streams with {@code
   * DiscardNew} (a full stream refuses new messages and the publisher waits) and no such limit.
   */
  static List<String> warnings(StreamConfiguration config) {
    List<String> out = new ArrayList<>();
    boolean limited =
        config.getMaxMsgs() > 0 || config.getMaxBytes() > 0 || config.getMaxMsgsPerSubject() > 0;
    if (config.getDiscardPolicy() == DiscardPolicy.Old && limited) {
      out.add(
          "WARNING: JetStream stream "
              + config.getName()
              + " discards its OLDEST messages when full (discard old, max messages "
              + config.getMaxMsgs()
              + ", max bytes "
              + config.getMaxBytes()
              + ", max per subject "
              + config.getMaxMsgsPerSubject()
              + "): change data no sink has applied yet is then deleted and lost. Set discard new"
              + " (nats stream edit "
              + config.getName()
              + " --discard new): a full stream then makes the publisher wait instead");
    }
    return out;
  }

  static List<String> differences(StreamSettings wanted, StreamConfiguration actual) {
    List<String> out = new ArrayList<>();
    if (!new HashSet<>(actual.getSubjects()).equals(new HashSet<>(wanted.subjects()))) {
      out.add("subjects " + actual.getSubjects() + " (configured " + wanted.subjects() + ")");
    }
    if (actual.getStorageType() != wanted.storage()) {
      out.add("storage " + actual.getStorageType() + " (configured " + wanted.storage() + ")");
    }
    if (actual.getReplicas() != wanted.replicas()) {
      out.add("replicas " + actual.getReplicas() + " (configured " + wanted.replicas() + ")");
    }
    if (actual.getRetentionPolicy() != wanted.retention()) {
      out.add(
          "retention " + actual.getRetentionPolicy() + " (configured " + wanted.retention() + ")");
    }
    if (!actual.getMaxAge().equals(wanted.maxAge())) {
      out.add("max age " + actual.getMaxAge() + " (configured " + wanted.maxAge() + ")");
    }
    if (!wanted.duplicateWindow().equals(actual.getDuplicateWindow())) {
      out.add(
          "duplicate window "
              + actual.getDuplicateWindow()
              + " (configured "
              + wanted.duplicateWindow()
              + ")");
    }
    return out;
  }
}
