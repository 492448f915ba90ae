package dev.pgpipe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bash -n} of every script in {@code test/}: {@code e2e-docker.sh} runs only where Docker
 * can pull images, so a syntax error in it would otherwise go unnoticed until someone runs {@code
 * test/e2e.sh --docker}. Needs no archive and no Docker.
 */
class E2eScriptsTest {

  private static final Path SCRIPTS =
      Path.of(System.getProperty("pgpipe.root", ".."), "test").normalize();
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C");

  @TempDir Path directory;

  private static Unpacked.Run syntaxCheck(Path script) throws Exception {
    return Unpacked.run(List.of("bash", "-n", script.toString()), ENV, 30);
  }

  @Test
  void everyEndToEndScriptParses() throws Exception {
    List<Path> scripts;
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      scripts = files.filter(file -> file.toString().endsWith(".sh")).sorted().toList();
    }

    assertThat(scripts.stream().map(script -> script.getFileName().toString()))
        .contains("e2e.sh", "e2e-local.sh", "e2e-docker.sh");
    for (Path script : scripts) {
      Unpacked.Run run = syntaxCheck(script);
      assertThat(run.exitCode()).as(script + ": " + run.err()).isZero();
    }
  }

  @Test
  void aSyntaxErrorFailsTheCheck() throws Exception {
    Path broken = Files.writeString(directory.resolve("broken.sh"), "if true; then\n  echo x\n");

    Unpacked.Run run = syntaxCheck(broken);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("syntax error");
  }
}
