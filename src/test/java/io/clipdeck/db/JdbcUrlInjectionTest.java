package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A profile's host and database cannot carry driver properties into the JDBC URL, and the refused
 * properties are refused on every route: connect_args, the assembled properties and the URL.
 */
class JdbcUrlInjectionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "db?allowLoadLocalInfile=true",
        "db?autoDeserialize=true&queryInterceptors=com.example.Evil",
        "db;socketFactory=x",
        "db&sslfactory=x",
        "db/other",
        "db#x",
        "my db",
        "db\nx",
        ""
      })
  void aDatabaseNameThatCouldAddAPropertyIsRefused(String database) {
    for (DatabaseKind kind : new DatabaseKind[] {DatabaseKind.MYSQL, DatabaseKind.POSTGRESQL}) {
      assertThatThrownBy(() -> ConnectionProfile.server("p", kind, "db1", 3306, database, "u"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Profile 'p'")
          .hasMessageContaining(database.isEmpty() ? "database name" : "database '");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "db1/x?allowLoadLocalInfile=true#",
        "(host=db1,allowLoadLocalInfile=true)",
        "db1,evil.example.com",
        "db1:3306",
        "user@db1",
        "::1",
        "[::1]?x=1",
        "[not:ipv6:zz]",
        "256.1.1.1",
        "-bad.example.com",
        "a..b",
        "db 1"
      })
  void aHostThatIsNotANameOrAddressIsRefused(String host) {
    assertThatThrownBy(
            () -> ConnectionProfile.server("p", DatabaseKind.MYSQL, host, 3306, "clips", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Profile 'p': host '")
        .hasMessageContaining("IPv6 address in brackets");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "db-1.example.com",
        "db.example.com.",
        "10.0.0.5",
        "127.0.0.1",
        "[::1]",
        "[2001:db8::42]",
        "[fe80:0:0:0:0:0:0:1]",
        "[::ffff:192.168.0.1]"
      })
  void namesAndAddressesAreAcceptedAndTheUrlHasNoProperties(String host) {
    ConnectionProfile profile =
        ConnectionProfile.server("p", DatabaseKind.POSTGRESQL, host, 5432, "clip_db-1", "u");
    assertThat(profile.jdbcUrl())
        .isEqualTo("jdbc:postgresql://" + host + ":5432/clip_db-1")
        .doesNotContain("?", "&", ";");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "autoDeserialize",
        "allowLoadLocalInfile",
        "allowLoadLocalInfileInPath",
        "allowUrlInLocalInfile",
        "queryInterceptors",
        "exceptionInterceptors",
        "connectionLifecycleInterceptors",
        "statementInterceptors"
      })
  void dangerousMysqlPropertiesAreRefusedInConnectArgs(String key) {
    assertThatThrownBy(() -> withArgs(DatabaseKind.MYSQL, Map.of(key, "true")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connect_args '" + key + "' is refused");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "socketFactory",
        "sslfactory",
        "sslhostnameverifier",
        "loggerFile",
        "authenticationPluginClassName"
      })
  void dangerousPostgresPropertiesAreRefusedInConnectArgs(String key) {
    assertThatThrownBy(() -> withArgs(DatabaseKind.POSTGRESQL, Map.of(key, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connect_args '" + key + "' is refused");
  }

  @Test
  void aUrlWithPropertiesIsRefusedNamingTheDangerousOne() {
    assertThatThrownBy(
            () -> DriverProperties.checkUrl("p", "jdbc:mysql://db1:3306/x?autoDeserialize=true"))
        .hasMessageContaining("JDBC URL property 'autoDeserialize' is refused");
    assertThatThrownBy(() -> DriverProperties.checkUrl("p", "jdbc:mysql://db1:3306/x?foo=1"))
        .hasMessageContaining("would carry settings after the database name");
  }

  @Test
  void theAssembledPropertiesAreCheckedToo() {
    // A profile built before the check (e.g. by a future route) cannot slip a property through.
    ConnectionProfile profile =
        ConnectionProfile.server("p", DatabaseKind.MYSQL, "db1", 3306, "clips", "u");
    assertThat(DriverProperties.of(profile).stringPropertyNames())
        .doesNotContain("allowLoadLocalInfile", "autoDeserialize");
  }

  @Test
  void aSqlitePathCannotCarrySettings() {
    assertThatThrownBy(
            () -> ConnectionProfile.sqlite("s", Path.of("/tmp/x.db?enable_load_extension=true")))
        .hasMessageContaining("SQLite file path has a '?'");
    assertThatThrownBy(
            () ->
                ConnectionProfile.sqlite("s", Path.of("/tmp/x.db"))
                    .withPool(
                        PoolSettings.DESKTOP.toBuilder()
                            .connectArgs(Map.of("enable_load_extension", "true"))
                            .build()))
        .hasMessageContaining("connect_args 'enable_load_extension' is refused");
  }

  @Test
  void aProfileFileWithAnInjectedDatabaseLeavesTheEntryOutNamed(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = dir.resolve("profiles.json");
    java.nio.file.Files.writeString(
        file,
        """
        {"version": 1, "profiles": [{"name": "evil", "kind": "mysql", "host": "db1", "port": 3306,
         "database": "x?allowLoadLocalInfile=true", "user": "u"}]}
        """);
    ProfileStore.Loaded loaded = new ProfileStore(file, java.time.Clock.systemUTC()).load();
    assertThat(loaded.profiles()).isEmpty();
    assertThat(loaded.problem().orElseThrow())
        .contains("'evil'", "database 'x?allowLoadLocalInfile");
  }

  private static ConnectionProfile withArgs(DatabaseKind kind, Map<String, String> args) {
    return ConnectionProfile.server("p", kind, "db1", kind.defaultPort(), "clips", "u")
        .withPool(PoolSettings.DESKTOP.toBuilder().connectArgs(args).build());
  }
}
