package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.testing.TempMariaDbServer;
import io.clipdeck.testing.TestCertificates;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private MariaDB server with a certificate this test makes (openssl): verify-full with the right
 * CA connects encrypted, with another CA fails naming TLS, prefer encrypts, disable is plain and
 * says so.
 */
class MariaDbPrivateTlsTest {

  @TempDir static Path certs;

  private static TempMariaDbServer server;
  private static TestCertificates made;

  @BeforeAll
  static void startWithACertificate() throws Exception {
    made = TestCertificates.makeIn(certs);
    server = TempMariaDbServer.create();
    server.addOptions(
        "--ssl-ca=" + made.ca(),
        "--ssl-cert=" + made.serverCertificate(),
        "--ssl-key=" + made.serverKey());
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void verifyFullWithTheRightCaConnectsEncrypted() throws Exception {
    ConnectionProfile profile = profile(TlsMode.VERIFY_FULL, made.ca());
    assertThat(cipher(profile)).isNotEmpty();
    assertThat(profile.tlsSummary()).endsWith("(verify-full)");
  }

  @Test
  void verifyFullWithAnotherCaFailsSayingItIsTls() {
    ConnectionProfile profile = profile(TlsMode.VERIFY_FULL, made.otherCa());
    assertThatThrownBy(() -> cipher(profile))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("the TLS check of");
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC())) {
      assertThat(database.checkHealth().problem().orElseThrow())
          .contains("the TLS check of", "verify-full", made.otherCa().toString());
    }
  }

  @Test
  void preferEncryptsWhenTheServerOffersTls() throws Exception {
    ConnectionProfile profile = profile(TlsMode.PREFER, null);
    assertThat(cipher(profile)).isNotEmpty();
  }

  @Test
  void disableIsPlainAndSaysSo() throws Exception {
    ConnectionProfile profile = profile(TlsMode.DISABLE, null);
    assertThat(cipher(profile)).isEmpty();
    assertThat(profile.tlsSummary()).isEqualTo("TLS off (disable)");
  }

  private static ConnectionProfile profile(TlsMode mode, Path ca) {
    ConnectionProfile profile =
        server.profile("tls").toBuilder().tls(mode, ca == null ? null : ca.toString()).build();
    return profile.withPool(profile.pool().toBuilder().poolTimeout(Duration.ofSeconds(3)).build());
  }

  /** Connects and asks the server for this session's cipher: empty when it is plain. */
  private static String cipher(ConnectionProfile profile) throws SQLException {
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC());
        Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
      result.next();
      return result.getString(2);
    } catch (SQLException e) {
      throw new SQLException(ConnectionProblems.describe(profile, e), e.getSQLState(), e);
    }
  }
}
