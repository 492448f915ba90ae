package dev.pgpipe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The structure of {@code deploy/compose.yaml}, {@code deploy/.env.example}, the {@code Dockerfile}
 * and {@code .dockerignore}, checked where Docker cannot run them: the five services of the seed
 * pipeline, a health check on each that runs only tools its image has, named volumes, every
 * variable documented, no password anywhere but in secret files, and no secret file in the image's
 * build context.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of(System.getProperty("pgpipe.root", "..")).normalize();
  private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)");

  /**
   * What each image is known to carry, from its own Dockerfile; an image's version variable reads
   * as {@code *}. Our image ({@code pgpipe:*}) has what the Dockerfile's runtime base has.
   */
  private static final Map<String, Set<String>> IMAGE_TOOLS =
      Map.of(
          // the official postgres images: the server's client programs, bash (Debian and Alpine)
          "postgres:*", Set.of("sh", "bash", "pg_isready", "psql"),
          // the plain nats image is FROM scratch, with nothing but nats-server: no health check
          // can run in it; its Alpine variant has busybox's sh and wget
          "nats:*", Set.of(),
          "nats:*-alpine", Set.of("sh", "wget"),
          // Debian's essential packages (bash, coreutils, grep); no curl, no wget
          "debian:bookworm-slim", Set.of("sh", "bash", "cat", "head", "grep"));

  /** Shell words that run no program of the image. */
  private static final Set<String> BUILTINS =
      Set.of("exec", "printf", "echo", "test", "[", "true", "false", "read", ":");

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
    assertThat(command(services.get("nats"))).contains("-js").contains("-m 8222");
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
  @SuppressWarnings("unchecked")
  void everyHealthCheckRunsOnlyToolsItsImageHas() throws IOException {
    Map<String, Set<String>> known = knownTools();
    services()
        .forEach(
            (name, service) -> {
              String image = String.valueOf(service.get("image")).replaceAll("\\$\\{[^}]*}", "*");
              Object test = ((Map<String, Object>) service.get("healthcheck")).get("test");
              assertThat(known)
                  .as(
                      "the tools of "
                          + image
                          + " ("
                          + name
                          + "): look up what its Dockerfile"
                          + " installs and add them to IMAGE_TOOLS")
                  .containsKey(image);
              assertThat(programs(test))
                  .as(name + " (" + image + ")")
                  .isNotEmpty()
                  .isSubsetOf(known.get(image));
            });
    assertThat(String.valueOf(services().get("nats").get("healthcheck")))
        .contains("http://127.0.0.1:8222/healthz?js-enabled-only=true");
  }

  @Test
  void dockerfileHealthCheckRunsOnlyToolsOfTheRuntimeBase() throws IOException {
    String check =
        read("Dockerfile")
            .replace("\\\n", " ")
            .lines()
            .filter(line -> line.startsWith("HEALTHCHECK "))
            .findFirst()
            .orElseThrow();
    Object command = new Yaml().load(check.substring(check.indexOf(" CMD ") + " CMD ".length()));

    assertThat(programs(command))
        .contains("bash", "head", "grep")
        .isSubsetOf(knownTools().get("pgpipe:*"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void secretFilesStayOutOfTheImageBuildContext() throws IOException {
    List<String> ignored =
        read(".dockerignore")
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    Map<String, Map<String, String>> secrets =
        (Map<String, Map<String, String>>) compose().get("secrets");

    assertThat(ignored).contains("deploy/.env", "deploy/secrets/");
    assertThat(secrets)
        .isNotEmpty()
        .allSatisfy(
            (name, secret) ->
                assertThat(secret.get("file")).as(name).matches(".*:-\\./secrets/[^}]+}"));
  }

  /**
   * {@link #IMAGE_TOOLS} with our image, {@code pgpipe:*}: the tools of the Dockerfile's runtime
   * base, as long as its runtime stage installs no package.
   */
  private static Map<String, Set<String>> knownTools() throws IOException {
    String dockerfile = read("Dockerfile");
    String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM ") + 1);
    String base = runtimeStage.substring("FROM ".length()).split("\\s+")[0];
    assertThat(runtimeStage)
        .as(
            "the runtime stage installs no package, so our image has its base's tools (if it"
                + " does, give pgpipe:* its own entry in IMAGE_TOOLS)")
        .doesNotContain("apt-get", "apk ", "dnf ", "yum ");
    assertThat(IMAGE_TOOLS).as("the runtime base's tools").containsKey(base);
    Map<String, Set<String>> known = new HashMap<>(IMAGE_TOOLS);
    known.put("pgpipe:*", IMAGE_TOOLS.get(base));
    return known;
  }

  /**
   * The programs a compose or Dockerfile health check runs: the one of {@code CMD}, and for a shell
   * ({@code CMD-SHELL}, {@code bash -c}) the first word of each command of its script.
   */
  private static Set<String> programs(Object test) {
    List<String> words =
        test instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of("CMD-SHELL", String.valueOf(test));
    Set<String> programs = new TreeSet<>();
    if (words.size() < 2) {
      return programs; // NONE: no check at all
    }
    if (words.get(0).equals("CMD-SHELL")) {
      programs.add("sh");
      programs.addAll(scriptPrograms(words.get(1)));
      return programs;
    }
    List<String> command = words.get(0).equals("CMD") ? words.subList(1, words.size()) : words;
    programs.add(command.get(0));
    boolean shell = command.get(0).equals("sh") || command.get(0).equals("bash");
    if (shell && command.size() > 2 && command.get(1).equals("-c")) {
      programs.addAll(scriptPrograms(command.get(2)));
    }
    return programs;
  }

  /**
   * The first word of each command of a shell script, builtins aside: the script is split at
   * unquoted {@code ;}, {@code |} and {@code &} (not the {@code &} of a {@code >&3} redirection).
   */
  private static Set<String> scriptPrograms(String script) {
    Set<String> programs = new TreeSet<>();
    StringBuilder command = new StringBuilder();
    char quote = 0;
    for (int i = 0; i <= script.length(); i++) {
      char c = i < script.length() ? script.charAt(i) : ';';
      char before = i > 0 ? script.charAt(i - 1) : ' ';
      boolean separator = c == ';' || c == '|' || (c == '&' && before != '>' && before != '<');
      if (quote == 0 && separator) {
        String word = command.toString().strip().split("\\s+")[0];
        if (!word.isEmpty() && !BUILTINS.contains(word)) {
          programs.add(word);
        }
        command.setLength(0);
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
      command.append(c);
    }
    return programs;
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
