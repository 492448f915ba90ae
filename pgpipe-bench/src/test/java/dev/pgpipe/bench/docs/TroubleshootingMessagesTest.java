package dev.pgpipe.bench.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message {@code docs/troubleshooting.md} quotes (a fenced block of kind {@code message}, one
 * message a line, {@code …} where pgpipe inserts a value) must still be printed by the main sources
 * of some module, so the guide cannot quote a message the code no longer has. Adjacent string
 * literals joined by {@code +} count as one text, since long messages are written that way.
 */
class TroubleshootingMessagesTest {

  private static final Pattern MESSAGE_BLOCK =
      Pattern.compile("```message\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern LITERAL_JOIN = Pattern.compile("\"\\s*\\+\\s*\"");
  private static final String HOLE = "…";

  private static Path root;
  private static String sources;

  @BeforeAll
  static void readSources() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    root = Files.exists(here.resolve("mvnw")) ? here : Objects.requireNonNull(here.getParent());
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .forEach(p -> all.append(joined(read(p))).append('\n'));
    }
    sources = all.toString();
  }

  @Test
  void everyQuotedMessageIsStillInTheCode() throws IOException {
    List<String> messages = messages(Files.readString(root.resolve("docs/troubleshooting.md")));

    assertThat(messages).hasSizeGreaterThanOrEqualTo(15);
    for (String message : messages) {
      for (String fragment : message.split(HOLE)) {
        assertThat(sources)
            .as("troubleshooting.md quotes \"%s\"; no main source prints it", message)
            .contains(fragment);
      }
    }
  }

  @Test
  void aMessageTheCodeNeverPrintsIsNoticed() {
    assertThat(sources).doesNotContain("replication slot … was eaten by a grue".split(HOLE)[1]);
    assertThat(sources).contains(" does not exist (dropped?); changes after ");
  }

  @Test
  void literalsJoinedByPlusReadAsOneText() {
    assertThat(joined("throw fail(\"a \"\n      + \"b \\\"c\\\"\");")).contains("a b \"c\"");
  }

  private static List<String> messages(String guide) {
    List<String> found = new ArrayList<>();
    Matcher m = MESSAGE_BLOCK.matcher(guide);
    while (m.find()) {
      m.group(1).lines().filter(l -> !l.isBlank()).forEach(found::add);
    }
    return found;
  }

  private static String joined(String java) {
    return LITERAL_JOIN.matcher(java).replaceAll("").replace("\\\"", "\"").replace("\\\\", "\\");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
