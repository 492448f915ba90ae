package dev.pgpipe.client.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The client guide ({@code docs/client.md}) quotes its examples from {@link
 * ClientGuideExamplesTest}, which compiles and runs them; this test fails when a quoted block and
 * its source drift apart, or when one exists without the other.
 */
class ClientGuideSnippetsTest {

  private static final Path EXAMPLES =
      Path.of("src/test/java/dev/pgpipe/client/guide/ClientGuideExamplesTest.java");
  private static final Path GUIDE = Path.of("../docs/client.md");
  private static final Pattern SOURCE_SNIPPET =
      Pattern.compile(
          "(?m)^[ \\t]*// snippet: ([\\w-]+)\\n(.*?)^[ \\t]*// end: \\1\\n", Pattern.DOTALL);
  private static final Pattern GUIDE_SNIPPET =
      Pattern.compile("<!-- snippet: ([\\w-]+) -->\\n```java\\n(.*?)```\\n", Pattern.DOTALL);

  @Test
  void everyBlockOfTheGuideEqualsItsCompiledExample() throws IOException {
    Map<String, String> compiled = snippets(SOURCE_SNIPPET, Files.readString(EXAMPLES), true);
    Map<String, String> quoted = snippets(GUIDE_SNIPPET, Files.readString(GUIDE), false);

    assertThat(compiled).hasSizeGreaterThanOrEqualTo(5);
    assertThat(quoted).containsExactlyInAnyOrderEntriesOf(compiled);
  }

  @Test
  void dedentRemovesTheCommonIndentationOnly() {
    assertThat(dedent("    a\n      b\n\n    c\n")).isEqualTo("a\n  b\n\nc\n");
  }

  private static Map<String, String> snippets(Pattern pattern, String text, boolean indented) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      String body = indented ? dedent(m.group(2)) : m.group(2);
      assertThat(found.put(m.group(1), body)).as("snippet %s twice", m.group(1)).isNull();
    }
    return found;
  }

  static String dedent(String block) {
    List<String> lines = block.lines().toList();
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
