package dev.pgpipe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The structure of {@code deploy/compose.yaml}, {@code deploy/.env.example} and the {@code
 * Dockerfile}, checked where Docker cannot run them: the five services of the seed pipeline, a
 * health check on each, named volumes, every variable documented, and no password anywhere but in
 * secret files.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of(System.getProperty("pgpipe.root", "..")).normalize();
  private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)");

  private static String read(String file) throws IOException {
    return Files.readString(ROOT.resolve(file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compose() throws IOException {
    return (Map<String, Object>) new Yaml().load(read("deploy/compose.yaml"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    return (Map<String, Map<String, Object>>) compose().get("services");
  }

  private static String command(Map<String, Object> service) {
    return String.join(
        " ", ((List<?>) service.get("command")).stream().map(String::valueOf).toList());
  }

  @Test
  void runsTheSeedPipeline() throws IOException {
    Map<String, Map<String, Object>> services = services();

    assertThat(services).containsOnlyKeys("source", "target", "nats", "cdc", "sink");
    assertThat(command(services.get("source"))).contains("wal_level=logical");
    assertThat(command(services.get("nats"))).contains("-js");
    assertThat(command(services.get("cdc"))).startsWith("cdc --to nats://nats:4222");
    assertThat(command(services.get("sink"))).startsWith("sink --from nats://nats:4222");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyServiceHasAHealthCheckAndPgpipeAsksForHealth() throws IOException {
    services()
        .forEach(
            (name, service) -> {
              Map<String, Object> check = (Map<String, Object>) service.get("healthcheck");
              assertThat(check).as(name + " healthcheck").isNotNull().containsKey("test");
              if (name.equals("cdc") || name.equals("sink")) {
                assertThat(String.valueOf(check.get("test"))).contains("GET /health");
                assertThat(command(service)).contains("--metrics-port 9464");
              }
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void dataLivesInDeclaredNamedVolumes() throws IOException {
    Set<String> declared = ((Map<String, Object>) compose().get("volumes")).keySet();
    List<String> used = new ArrayList<>();
    services()
        .forEach(
            (name, service) ->
                ((List<String>) service.getOrDefault("volumes", List.of()))
                    .forEach(volume -> used.add(volume.substring(0, volume.indexOf(':')))));

    assertThat(used).isNotEmpty().allSatisfy(volume -> assertThat(declared).contains(volume));
    assertThat(declared).containsExactlyInAnyOrderElementsOf(used);
  }

  @Test
  void envExampleDocumentsEveryVariable() throws IOException {
    Set<String> used = new TreeSet<>();
    Matcher matcher = VARIABLE.matcher(read("deploy/compose.yaml"));
    while (matcher.find()) {
      used.add(matcher.group(1));
    }
    Set<String> documented = new TreeSet<>();
    read("deploy/.env.example")
        .lines()
        .filter(line -> line.matches("[A-Z0-9_]+=.*"))
        .forEach(line -> documented.add(line.substring(0, line.indexOf('='))));

    assertThat(documented).isEqualTo(used);
  }

  @Test
  @SuppressWarnings("unchecked")
  void passwordsReachPgpipeOnlyAsFiles() throws IOException {
    services()
        .forEach(
            (name, service) ->
                ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                    .keySet()
                    .forEach(
                        variable ->
                            assertThat(variable)
                                .as(name)
                                .doesNotEndWith("PASSWORD")
                                .doesNotEndWith("TOKEN")
                                .doesNotEndWith("API_KEY")));
  }

  @Test
  void dockerfileIsMultiStageNonRootWithAHealthCheck() throws IOException {
    List<String> lines = read("Dockerfile").lines().toList();

    assertThat(lines.stream().filter(line -> line.startsWith("FROM "))).hasSize(2);
    assertThat(lines.stream().filter(line -> line.startsWith("FROM ")).toList().get(1))
        .contains("slim");
    assertThat(lines).anyMatch(line -> line.matches("USER (?!root|0\\b)\\S+"));
    assertThat(String.join("\n", lines)).contains("HEALTHCHECK").contains("GET /health");
  }
}
