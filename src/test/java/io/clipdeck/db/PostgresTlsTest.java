package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.testing.TempPostgresCluster;
import io.clipdeck.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private PostgreSQL server with a certificate this test makes (openssl): verify-full with the
 * right CA connects encrypted, with another CA fails naming TLS, prefer encrypts, disable is plain
 * and says so, and connect_args cannot weaken the chosen mode.
 */
class PostgresTlsTest {

  @TempDir static Path certs;

  private static TempPostgresCluster cluster;
  private static Path rightCa;
  private static Path otherCa;

  @BeforeAll
  static void startWithACertificate() throws Exception {
    TestCertificates made = TestCertificates.makeIn(certs);
    rightCa = made.ca();
    otherCa = made.otherCa();
    cluster = TempPostgresCluster.create();
    Path data = cluster.directory().resolve("data");
    UserPrincipal owner = Files.getOwner(data);
    for (Path file : List.of(made.serverCertificate(), made.serverKey())) {
      Path copy = Files.copy(file, data.resolve(file.getFileName()));
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
      Files.setOwner(copy, owner);
    }
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\n# PostgresTlsTest\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    cluster.start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void verifyFullWithTheRightCaConnectsEncrypted() throws Exception {
    ConnectionProfile profile = profile(TlsMode.VERIFY_FULL, rightCa);
    assertThat(encrypted(profile)).isTrue();
    assertThat(profile.tlsSummary())
        .isEqualTo("TLS verified against CA " + rightCa + " (verify-full)");
  }

  @Test
  void verifyFullWithAnotherCaFailsSayingItIsTls() {
    ConnectionProfile profile = profile(TlsMode.VERIFY_FULL, otherCa);
    assertThatThrownBy(() -> encrypted(profile))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("the TLS check of tls at 127.0.0.1:" + cluster.port() + " failed")
        .hasMessageContaining("not signed by that CA");
    try (PooledDatabase database = new PooledDatabase(fast(profile), Clock.systemUTC())) {
      assertThat(database.checkHealth().problem().orElseThrow())
          .contains("the TLS check of", "verify-full", otherCa.toString());
    }
  }

  @Test
  void preferIsTheDefaultAndEncryptsWhenTheServerOffersTls() throws Exception {
    ConnectionProfile profile = cluster.profile("tls");
    assertThat(profile.tlsMode()).isEqualTo(TlsMode.PREFER);
    assertThat(encrypted(profile)).isTrue();
  }

  @Test
  void disableIsPlainAndSaysSo() throws Exception {
    ConnectionProfile profile = profile(TlsMode.DISABLE, null);
    assertThat(encrypted(profile)).isFalse();
    assertThat(profile.tlsSummary()).isEqualTo("TLS off (disable)");
  }

  @Test
  void connectArgsCannotWeakenTheChosenMode() {
    for (Map.Entry<String, String> downgrade :
        List.of(
            Map.entry("sslmode", "disable"),
            Map.entry("sslMode", "allow"),
            Map.entry("ssl", "false"),
            Map.entry("sslrootcert", "/dev/null"))) {
      assertThatThrownBy(
              () ->
                  profile(TlsMode.VERIFY_FULL, rightCa)
                      .withPool(
                          PoolSettings.DESKTOP.toBuilder()
                              .connectArgs(Map.of(downgrade.getKey(), downgrade.getValue()))
                              .build()))
          .hasMessageContaining("connect_args '" + downgrade.getKey() + "' is refused")
          .hasMessageContaining("tls_mode");
    }
    for (String key : List.of("sslMode", "trustCertificateKeyStoreUrl", "useSSL")) {
      assertThatThrownBy(
              () ->
                  ConnectionProfile.server("m", DatabaseKind.MYSQL, "db1", 3306, "x", "u")
                      .withPool(
                          PoolSettings.DESKTOP.toBuilder()
                              .connectArgs(Map.of(key, "DISABLED"))
                              .build()))
          .hasMessageContaining("connect_args '" + key + "' is refused");
    }
  }

  private static ConnectionProfile profile(TlsMode mode, Path ca) {
    return cluster.profile("tls").toBuilder().tls(mode, ca == null ? null : ca.toString()).build();
  }

  private static ConnectionProfile fast(ConnectionProfile profile) {
    return profile.withPool(profile.pool().toBuilder().poolTimeout(Duration.ofSeconds(3)).build());
  }

  /** Connects and asks the server whether this session is encrypted. */
  private static boolean encrypted(ConnectionProfile profile) throws SQLException {
    try (PooledDatabase database = new PooledDatabase(fast(profile), Clock.systemUTC());
        Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      result.next();
      return result.getBoolean(1);
    } catch (SQLException e) {
      throw new SQLException(ConnectionProblems.describe(profile, e), e.getSQLState(), e);
    }
  }
}
