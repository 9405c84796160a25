package io.clipdeck.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates a TLS test makes with openssl in a folder of its own: a CA, a server certificate for
 * 127.0.0.1 signed by it (its key beside it), and another CA that signed nothing, for the "wrong
 * CA" case.
 *
 * @param ca the CA's certificate (PEM) that signed the server's
 * @param otherCa a CA's certificate that did not
 * @param serverCertificate the server's certificate, for IP 127.0.0.1
 * @param serverKey the server certificate's private key (unencrypted)
 */
public record TestCertificates(Path ca, Path otherCa, Path serverCertificate, Path serverKey) {

  /** Makes the certificates in {@code folder} (two-day validity). */
  public static TestCertificates makeIn(Path folder) throws IOException, InterruptedException {
    selfSignedCa(folder, "ca", "clipdeck test CA");
    selfSignedCa(folder, "other-ca", "clipdeck other CA");
    openssl(
        folder,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    Files.writeString(folder.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
    openssl(
        folder,
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "san.cnf");
    return new TestCertificates(
        folder.resolve("ca.crt"),
        folder.resolve("other-ca.crt"),
        folder.resolve("server.crt"),
        folder.resolve("server.key"));
  }

  private static void selfSignedCa(Path folder, String name, String commonName)
      throws IOException, InterruptedException {
    openssl(
        folder,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".crt",
        "-days",
        "2",
        "-subj",
        "/CN=" + commonName);
  }

  private static void openssl(Path folder, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    Path log = folder.resolve("openssl.log");
    Process process =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "openssl " + arguments[0] + " failed: " + Files.readString(log));
    }
  }
}
