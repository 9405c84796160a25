package io.clipdeck.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A profile's CA file (PEM) as the PKCS12 trust store MySQL Connector/J needs: its {@code
 * trustCertificateKeyStoreUrl} takes only key-store types the JDK knows, and the JDK has no PEM key
 * store ("Could not create KeyStore instance [PEM not found]"). The store holds only the CA's
 * public certificates, so its password protects nothing and is a constant; the file is made once
 * per CA file and version, owner-only, in a temporary folder removed when the JVM exits.
 */
final class PemTrustStore {

  /** Not a secret: the store holds public certificates only. */
  static final String PASSWORD = "clipdeck-ca";

  private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

  private PemTrustStore() {}

  /**
   * The PKCS12 store of the certificates in {@code pemFile}.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate; the
   *     message names the file
   */
  static Path of(String pemFile) {
    Path pem = Path.of(pemFile);
    String key;
    try {
      key = pem.toAbsolutePath() + "@" + Files.getLastModifiedTime(pem).toMillis();
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the CA file " + pemFile + ": " + e, e);
    }
    return MADE.computeIfAbsent(key, ignored -> write(pem));
  }

  private static Path write(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("The CA file " + pem + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      Path folder =
          Files.createTempDirectory(
              "clipdeck-ca-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      // Removed at exit in the reverse order of these calls: the file, then its folder.
      folder.toFile().deleteOnExit();
      Path file = folder.resolve("ca.p12");
      file.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a trust store of the CA file " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "The CA file " + pem + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }
}
