package dev.pgpipe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code pgpipe --version}: the Maven project version, filtered into a resource at build time. */
final class VersionProvider implements IVersionProvider {

  private static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    Runtime.Version java = Runtime.version();
    return new String[] {
      "pgpipe " + version(),
      "Java " + java + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
    };
  }

  /** The project version, such as {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown (no " + RESOURCE + " on the classpath)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
