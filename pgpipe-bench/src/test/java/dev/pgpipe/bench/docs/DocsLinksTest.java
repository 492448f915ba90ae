package dev.pgpipe.bench.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the guides in {@code docs/} (and of the README) names a file that exists
 * and, when it has one, a heading of that file, as GitHub turns headings into anchors.
 */
class DocsLinksTest {

  private static final Pattern CODE = Pattern.compile("```.*?```", Pattern.DOTALL);
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#+ (.+)$");

  @Test
  void everyRelativeLinkOfTheGuidesResolves() throws IOException {
    Path root = root();
    List<Path> pages = new ArrayList<>();
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    pages.add(root.resolve("README.md"));
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = LINK.matcher(CODE.matcher(Files.readString(page)).replaceAll(""));
      while (m.find()) {
        String problem = check(page, m.group(1));
        if (problem != null) {
          broken.add(root.relativize(page) + ": " + m.group(1) + " (" + problem + ")");
        }
      }
    }
    assertThat(pages).hasSizeGreaterThanOrEqualTo(9);
    assertThat(broken).isEmpty();
  }

  @Test
  void anchorsAreMadeAsGitHubMakesThem() {
    assertThat(anchor("5. A table without a replica identity (warning)"))
        .isEqualTo("5-a-table-without-a-replica-identity-warning");
    assertThat(anchor("The client API (`pgpipe-client`)"))
        .isEqualTo("the-client-api-pgpipe-client");
  }

  private static String check(Path page, String link) throws IOException {
    if (link.startsWith("http://") || link.startsWith("https://") || link.startsWith("file:")) {
      return null;
    }
    int hash = link.indexOf('#');
    String file = hash < 0 ? link : link.substring(0, hash);
    Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
    if (!Files.exists(target)) {
      return "no such file";
    }
    if (hash < 0 || !target.toString().endsWith(".md")) {
      return null;
    }
    return anchors(target).contains(link.substring(hash + 1)) ? null : "no such heading";
  }

  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    Matcher m = HEADING.matcher(CODE.matcher(Files.readString(page)).replaceAll(""));
    while (m.find()) {
      anchors.add(anchor(m.group(1)));
    }
    return anchors;
  }

  static String anchor(String heading) {
    return heading
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}\\- _]", "")
        .replace(' ', '-');
  }

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("mvnw")) ? here : Objects.requireNonNull(here.getParent());
  }
}
