package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference guides' connection examples, expressed as profiles and read back from servers. */
class ConnectArgsTest {

  @TempDir Path dir;

  @Test
  void postgresApplicationNameTimeZoneAndTimeoutsReachTheServer() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.postgres()) {
      PoolSettings pool =
          PoolSettings.DESKTOP.toBuilder()
              .applicationName("heygen_ai")
              .statementTimeout(Duration.ofSeconds(30))
              .connectArgs(Map.of("timezone", "Asia/Tokyo", "socketTimeout", "60"))
              .build();
      try (PooledDatabase database =
              new PooledDatabase(scratch.profile().withPool(pool), Clock.systemUTC());
          Connection connection = database.connection()) {
        assertThat(query(connection, "SHOW application_name")).isEqualTo("heygen_ai");
        assertThat(query(connection, "SHOW TimeZone")).isEqualTo("Asia/Tokyo");
        assertThat(query(connection, "SHOW statement_timeout")).isEqualTo("30s");
      }
    }
  }

  @Test
  void aPostgresStatementTimeoutStopsARunawayQueryOnTheServer() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.postgres()) {
      PoolSettings pool =
          PoolSettings.DESKTOP.toBuilder().statementTimeout(Duration.ofMillis(300)).build();
      try (PooledDatabase database =
              new PooledDatabase(scratch.profile().withPool(pool), Clock.systemUTC());
          Connection connection = database.connection()) {
        assertThatThrownBy(() -> query(connection, "SELECT pg_sleep(5)"))
            .hasMessageContaining("statement timeout");
      }
    }
  }

  @Test
  void mysqlUtf8mb4AutocommitAndSqlModeReachTheServer() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.mariadb()) {
      PoolSettings pool =
          PoolSettings.DESKTOP.toBuilder()
              .statementTimeout(Duration.ofMillis(2500))
              .connectArgs(
                  Map.of(
                      "characterEncoding", "UTF-8",
                      "connectionCollation", "utf8mb4_unicode_ci",
                      "autocommit", "false",
                      "timezone", "+00:00",
                      "sessionVariables",
                          "sql_mode='STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                              + "ERROR_FOR_DIVISION_BY_ZERO'"))
              .build();
      try (PooledDatabase database =
              new PooledDatabase(scratch.profile().withPool(pool), Clock.systemUTC());
          Connection connection = database.connection()) {
        assertThat(query(connection, "SELECT @@character_set_connection")).isEqualTo("utf8mb4");
        assertThat(query(connection, "SELECT @@collation_connection"))
            .isEqualTo("utf8mb4_unicode_ci");
        assertThat(connection.getAutoCommit()).isFalse();
        assertThat(query(connection, "SELECT @@sql_mode"))
            .isEqualTo(
                "STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO");
        assertThat(query(connection, "SELECT @@max_statement_time")).startsWith("2.5");
        assertThat(query(connection, "SELECT @@session.time_zone")).isEqualTo("+00:00");
      }
    }
  }

  @Test
  void mysqlStatementsArePreparedOnceOnTheServerUnlessConnectArgsSayOtherwise() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.mariadb()) {
      // Clipdeck's defaults: a server-side statement, prepared once and reused from the cache.
      assertThat(preparesAndExecutes(scratch.profile())).containsExactly(1L, 3L);

      PoolSettings clientSide =
          PoolSettings.DESKTOP.toBuilder()
              .connectArgs(Map.of("useServerPrepStmts", "false"))
              .build();
      assertThat(preparesAndExecutes(scratch.profile().withPool(clientSide)))
          .as("connect_args turn the default off: the driver sends plain text queries")
          .containsExactly(0L, 0L);
    }
  }

  /** The server's count of statements prepared and executed while one runs three times. */
  private static long[] preparesAndExecutes(ConnectionProfile profile) throws Exception {
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC());
        Connection connection = database.connection()) {
      long prepared = status(connection, "Com_stmt_prepare");
      long executed = status(connection, "Com_stmt_execute");
      for (int i = 0; i < 3; i++) {
        try (var statement = connection.prepareStatement("SELECT ? + 1")) {
          statement.setInt(1, i);
          try (ResultSet row = statement.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(i + 1);
          }
        }
      }
      return new long[] {
        status(connection, "Com_stmt_prepare") - prepared,
        status(connection, "Com_stmt_execute") - executed
      };
    }
  }

  private static long status(Connection connection, String name) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
      assertThat(row.next()).isTrue();
      return row.getLong(2);
    }
  }

  @Test
  void sqliteBusyTimeoutAndIsolationApplyToEveryPooledConnection() throws Exception {
    PoolSettings pool =
        PoolSettings.DESKTOP.toBuilder()
            .connectArgs(Map.of("busy_timeout", "30000", "isolation", "serializable"))
            .build();
    ConnectionProfile profile = ConnectionProfile.sqlite("s", dir.resolve("s.db")).withPool(pool);
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC());
        Connection first = database.connection();
        Connection second = database.connection()) {
      for (Connection connection : new Connection[] {first, second}) {
        assertThat(query(connection, "PRAGMA busy_timeout")).isEqualTo("30000");
        assertThat(query(connection, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(connection.getTransactionIsolation())
            .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "socketFactory",
        "sslfactory",
        "authenticationPluginClassName",
        "queryInterceptors",
        "loggerFile",
        "allowLoadLocalInfile",
        "autoDeserialize",
        "SOCKETFACTORY",
        "myCustomFactory"
      })
  void classLoadingAndFileReadingPropertiesAreRefusedWithAReason(String key) {
    PoolSettings pool = PoolSettings.DESKTOP.toBuilder().connectArgs(Map.of(key, "x")).build();

    assertThatThrownBy(
            () ->
                ConnectionProfile.server("p", DatabaseKind.MYSQL, "127.0.0.1", 3306, "db", "root")
                    .withPool(pool))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Profile 'p': connect_args '" + key + "' is refused: it ");
  }

  @Test
  void anUnknownPropertyIsRefusedAndTheAllowedOnesAreListed() {
    PoolSettings pool =
        PoolSettings.DESKTOP.toBuilder().connectArgs(Map.of("characterEncoding", "UTF-8")).build();

    assertThatThrownBy(
            () ->
                ConnectionProfile.server(
                        "pg", DatabaseKind.POSTGRESQL, "127.0.0.1", 5432, "db", "postgres")
                    .withPool(pool))
        .hasMessageContaining("'characterEncoding' is not a PostgreSQL driver property")
        .hasMessageContaining("ApplicationName");
  }

  @Test
  void aTimeZoneThatCouldCarrySqlIsRefused() {
    PoolSettings pool =
        PoolSettings.DESKTOP.toBuilder().connectArgs(Map.of("timezone", "UTC'; DROP")).build();

    assertThatThrownBy(() -> ConnectionProfile.sqlite("s", dir.resolve("x.db")).withPool(pool))
        .hasMessageContaining("is not a time zone name");
  }

  @Test
  void anUnknownIsolationLevelIsRefused() {
    PoolSettings pool =
        PoolSettings.DESKTOP.toBuilder().connectArgs(Map.of("isolation", "chaos")).build();

    assertThatThrownBy(() -> ConnectionProfile.sqlite("s", dir.resolve("x.db")).withPool(pool))
        .hasMessageContaining("isolation 'chaos' is unknown");
  }

  private static String query(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
