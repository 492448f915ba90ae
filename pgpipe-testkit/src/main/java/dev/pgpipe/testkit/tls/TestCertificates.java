package dev.pgpipe.testkit.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority, a server certificate it signed for one host name, and an unrelated
 * second authority (the "wrong CA"), all PEM files made by {@code openssl} in a directory at test
 * time. The keys are P-256 (fast to make); the server key is readable by its owner only, as
 * PostgreSQL demands. Made by {@link #create(Path, String)}; immutable.
 *
 * @param ca the authority that signed {@link #serverCertificate()}
 * @param serverCertificate the server's certificate, valid for the host name only (as a DNS name)
 * @param serverKey the server's private key (unencrypted, mode 0600)
 * @param otherCa an authority that signed nothing here
 */
public record TestCertificates(Path ca, Path serverCertificate, Path serverKey, Path otherCa) {

  /**
   * Makes the files in {@code directory} for a server called {@code hostName}.
   *
   * @throws IllegalStateException when {@code openssl} is missing or fails (its output says why)
   */
  public static TestCertificates create(Path directory, String hostName) {
    try {
      Path dir = Files.createDirectories(directory);
      Path caKey = dir.resolve("ca.key");
      Path ca = dir.resolve("ca.crt");
      Path otherCa = dir.resolve("other-ca.crt");
      Path key = dir.resolve("server.key");
      Path request = dir.resolve("server.csr");
      Path certificate = dir.resolve("server.crt");
      Path extensions =
          Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:" + hostName);
      authority(dir, caKey, ca, "pgpipe test CA");
      authority(dir, dir.resolve("other-ca.key"), otherCa, "pgpipe other CA");
      openssl(newKey(key, request, "/CN=" + hostName), dir);
      openssl(
          List.of(
              "x509",
              "-req",
              "-in",
              request + "",
              "-CA",
              ca + "",
              "-CAkey",
              caKey + "",
              "-CAcreateserial",
              "-days",
              "2",
              "-extfile",
              extensions + "",
              "-out",
              certificate + ""),
          dir);
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      return new TestCertificates(ca, certificate, key, otherCa);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write test certificates in " + directory, e);
    }
  }

  private static void authority(Path dir, Path key, Path certificate, String name) {
    openssl(
        List.of(
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            key + "",
            "-out",
            certificate + "",
            "-days",
            "2",
            "-subj",
            "/CN=" + name),
        dir);
  }

  private static List<String> newKey(Path key, Path request, String subject) {
    return List.of(
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key + "",
        "-out",
        request + "",
        "-subj",
        subject);
  }

  private static void openssl(List<String> arguments, Path dir) {
    Path log = dir.resolve("openssl.log");
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(arguments);
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "openssl failed: " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run openssl (is it installed?): " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }
}
