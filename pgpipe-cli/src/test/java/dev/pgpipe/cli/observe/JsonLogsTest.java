package dev.pgpipe.cli.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON log lines and the secret scrubbing of everything shown outside the process. */
class JsonLogsTest {

  @Test
  void anEventIsOneJsonLineWithItsFields_andNoSecret() throws Exception {
    LoggerContext context = new LoggerContext();
    LoggingEvent event = new LoggingEvent();
    event.setLoggerContext(context);
    event.setLoggerName("dev.pgpipe.cdc.StreamLoop");
    event.setLevel(Level.WARN);
    event.setThreadName("pgpipe-cdc-s1");
    event.setMessage("cannot reach postgres://bob:hunter2@db:5432/app ({})");
    event.setArgumentArray(new Object[] {"password=hunter2"});
    event.setTimeStamp(0);
    event.setMDCPropertyMap(Map.of("slot", "s1"));
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("lsn", "0/16B3748"));
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setContext(context);
    encoder.start();

    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith("}\n").doesNotContain("hunter2").hasLineCount(1);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("time").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("logger").asText()).isEqualTo("dev.pgpipe.cdc.StreamLoop");
    assertThat(json.path("message").asText())
        .isEqualTo("cannot reach postgres://bob:***@db:5432/app (password=***)");
    assertThat(json.path("slot").asText()).isEqualTo("s1");
    assertThat(json.path("lsn").asText()).isEqualTo("0/16B3748");
  }

  @Test
  void scrubbingKeepsWhatIsNotASecret() {
    assertThat(Secrets.scrub("FATAL: database \"t\" is not accepting connections"))
        .isEqualTo("FATAL: database \"t\" is not accepting connections");
    assertThat(Secrets.scrub("nats://alice:s3cret@h:4222 api_key=abc token: xyz"))
        .isEqualTo("nats://alice:***@h:4222 api_key=*** token: ***");
  }

  @Test
  void aComponentErrorIsScrubbed() {
    assertThat(ComponentHealth.down("reconnecting", "postgres://u:pw@h/db").error())
        .isEqualTo("postgres://u:***@h/db");
  }
}
