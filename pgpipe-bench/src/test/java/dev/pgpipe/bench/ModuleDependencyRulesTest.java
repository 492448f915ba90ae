package dev.pgpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The module map of DESIGN.md, enforced: each module's compile-time dependencies on other pgpipe
 * modules are among the allowed ones, nothing but the benchmarks and the distribution depends on
 * the command line, the testkit is used in test scope only, and the DBN codec stays free of
 * PostgreSQL.
 */
class ModuleDependencyRulesTest {

  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("pgpipe-client", Set.of()),
          Map.entry("pgpipe-testkit", Set.of()),
          Map.entry("pgpipe-copy", Set.of("pgpipe-client")),
          Map.entry("pgpipe-dbn", Set.of()),
          Map.entry("pgpipe-market", Set.of("pgpipe-dbn", "pgpipe-copy", "pgpipe-client")),
          Map.entry("pgpipe-cdc", Set.of("pgpipe-client")),
          Map.entry("pgpipe-sink", Set.of("pgpipe-cdc", "pgpipe-copy", "pgpipe-client")),
          Map.entry("pgpipe-nats", Set.of("pgpipe-cdc", "pgpipe-client")),
          Map.entry(
              "pgpipe-cli",
              Set.of(
                  "pgpipe-client",
                  "pgpipe-copy",
                  "pgpipe-dbn",
                  "pgpipe-market",
                  "pgpipe-cdc",
                  "pgpipe-sink",
                  "pgpipe-nats")),
          Map.entry(
              "pgpipe-bench",
              Set.of(
                  "pgpipe-client",
                  "pgpipe-copy",
                  "pgpipe-dbn",
                  "pgpipe-market",
                  "pgpipe-cdc",
                  "pgpipe-sink",
                  "pgpipe-nats",
                  "pgpipe-cli")),
          Map.entry("pgpipe-dist", Set.of("pgpipe-cli")));

  /** Third-party groups a module must never see. */
  private static final Map<String, Set<String>> FORBIDDEN_GROUPS =
      Map.of("pgpipe-dbn", Set.of("org.postgresql", "com.zaxxer", "io.zonky.test"));

  private record Dependency(String groupId, String artifactId, String scope) {}

  @Test
  void everyModuleDependsOnlyOnWhatTheDesignAllows() throws Exception {
    Map<String, List<Dependency>> modules = modules();
    Map<String, Set<String>> violations = new TreeMap<>();
    modules.forEach(
        (module, dependencies) -> {
          assertThat(ALLOWED).as("modules of the design's module map").containsKey(module);
          Set<String> allowed = ALLOWED.getOrDefault(module, Set.of());
          for (Dependency dependency : dependencies) {
            problem(module, dependency, allowed)
                .ifPresent(p -> violations.computeIfAbsent(module, m -> new TreeSet<>()).add(p));
          }
        });

    assertThat(modules).containsKeys("pgpipe-client", "pgpipe-cli", "pgpipe-bench");
    assertThat(violations).as("dependencies that break DESIGN.md's module map").isEmpty();
  }

  private static Optional<String> problem(
      String module, Dependency dependency, Set<String> allowed) {
    boolean ours = dependency.groupId().equals("dev.pgpipe");
    boolean test = dependency.scope().equals("test");
    if (ours && dependency.artifactId().equals("pgpipe-testkit")) {
      return test ? Optional.empty() : Optional.of("pgpipe-testkit outside test scope");
    }
    if (ours && !test && !allowed.contains(dependency.artifactId())) {
      return Optional.of("may not depend on " + dependency.artifactId());
    }
    if (FORBIDDEN_GROUPS.getOrDefault(module, Set.of()).contains(dependency.groupId())) {
      return Optional.of(
          "may not depend on " + dependency.groupId() + ":" + dependency.artifactId());
    }
    return Optional.empty();
  }

  private static Map<String, List<Dependency>> modules() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    if (!Files.exists(root.resolve("mvnw"))) {
      root = Objects.requireNonNull(root.getParent(), "no project root above the module");
    }
    Map<String, List<Dependency>> modules = new HashMap<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path module : children.filter(p -> Files.exists(p.resolve("pom.xml"))).toList()) {
        modules.put(module.getFileName().toString(), dependencies(module.resolve("pom.xml")));
      }
    }
    return modules;
  }

  private static List<Dependency> dependencies(Path pom) throws Exception {
    Document document = parse(pom);
    NodeList nodes = document.getDocumentElement().getElementsByTagName("dependencies");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element element = (Element) nodes.item(i);
      if (element.getParentNode().equals(document.getDocumentElement())) {
        return children(element);
      }
    }
    return List.of();
  }

  private static List<Dependency> children(Element dependencies) {
    NodeList nodes = dependencies.getElementsByTagName("dependency");
    return Stream.iterate(0, i -> i < nodes.getLength(), i -> i + 1)
        .map(i -> (Element) nodes.item(i))
        .map(e -> new Dependency(text(e, "groupId"), text(e, "artifactId"), text(e, "scope")))
        .toList();
  }

  private static String text(Element element, String tag) {
    NodeList nodes = element.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "compile" : nodes.item(0).getTextContent().strip();
  }

  private static Document parse(Path pom) throws IOException {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException("cannot parse " + pom, e);
    }
  }
}
