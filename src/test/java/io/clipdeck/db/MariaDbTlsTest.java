package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's side of the TLS modes against the machine's server, which offers no TLS: prefer (the
 * default) still connects and is visibly plain, require and verify-full refuse with a TLS message.
 */
class MariaDbTlsTest {

  @Test
  void preferConnectsToAServerWithoutTlsAndRequireRefusesNamingTls() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.mariadb()) {
      ConnectionProfile preferred =
          fast(scratch.profile().toBuilder().tls(TlsMode.PREFER, null).build());
      assertThat(DriverProperties.of(preferred).getProperty("sslMode")).isEqualTo("PREFERRED");
      try (PooledDatabase database = new PooledDatabase(preferred, Clock.systemUTC());
          Connection connection = database.connection();
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(2))
            .as("this server offers no TLS: the session is plain")
            .isEmpty();
      }

      ConnectionProfile required =
          fast(scratch.profile().toBuilder().tls(TlsMode.REQUIRE, null).build());
      try (PooledDatabase database = new PooledDatabase(required, Clock.systemUTC())) {
        HealthReport health = database.checkHealth();
        assertThat(health.isUp()).isFalse();
        assertThat(health.problem().orElseThrow())
            .contains("the TLS check of", "TLS, certificate not checked (require)");
      }
    }
  }

  private static ConnectionProfile fast(ConnectionProfile profile) {
    return profile.withPool(profile.pool().toBuilder().poolTimeout(Duration.ofSeconds(3)).build());
  }
}
