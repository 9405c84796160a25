package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing assumes Development: an environment is chosen, and unlabelled is guarded. */
class EnvironmentChoiceTest {

  @Test
  void unlabelledIsGuardedLikeProductionAndOnlyDevelopmentAllowsClean() {
    assertThat(Environment.UNLABELLED.requiresConfirmation()).isTrue();
    assertThat(Environment.PRODUCTION.requiresConfirmation()).isTrue();
    assertThat(Environment.TEST.requiresConfirmation()).isFalse();
    assertThat(Environment.DEVELOPMENT.requiresConfirmation()).isFalse();
    assertThat(Environment.values())
        .filteredOn(Environment::allowsClean)
        .containsExactly(Environment.DEVELOPMENT);
    assertThat(Environment.choices()).doesNotContain(Environment.UNLABELLED);
  }

  @Test
  void aProfileWithNoEnvironmentIsUnlabelledNotDevelopment() {
    ConnectionProfile profile =
        ConnectionProfile.server("p", DatabaseKind.POSTGRESQL, "db1", 5432, "clips", "u")
            .toBuilder()
            .environment(null)
            .build();
    assertThat(profile.environment()).isEqualTo(Environment.UNLABELLED);
  }

  @Test
  void aProfileFileEntryWithoutEnvironmentLoadsUnlabelled(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("profiles.json");
    Files.writeString(
        file,
        """
        {"version": 1, "profiles": [{"name": "old", "kind": "postgresql", "host": "db1",
         "port": 5432, "database": "clips", "user": "u"}]}
        """);
    ConnectionProfile old = new ProfileStore(file, Clock.systemUTC()).load().profiles().getFirst();
    assertThat(old.environment()).isEqualTo(Environment.UNLABELLED);
    assertThat(old.environment().requiresConfirmation()).isTrue();
  }

  @Test
  void databaseUrlIsUnlabelledUnlessDatabaseEnvironmentSaysWhatItIs() {
    String url = "postgresql://u@db.example:5432/clips";
    assertThat(
            EnvironmentProfile.read(Map.of("DATABASE_URL", url))
                .orElseThrow()
                .profile()
                .environment())
        .isEqualTo(Environment.UNLABELLED);
    assertThat(
            EnvironmentProfile.read(
                    Map.of("DATABASE_URL", url, "DATABASE_ENVIRONMENT", "development"))
                .orElseThrow()
                .profile()
                .environment())
        .isEqualTo(Environment.DEVELOPMENT);
    assertThatThrownBy(
            () ->
                EnvironmentProfile.read(Map.of("DATABASE_URL", url, "DATABASE_ENVIRONMENT", "qa")))
        .hasMessageContaining("DATABASE_ENVIRONMENT: Unknown environment 'qa'");
  }

  @Test
  void newServerProfilesPreferTls() {
    assertThat(
            ConnectionProfile.server("p", DatabaseKind.MYSQL, "db1", 3306, "clips", "u").tlsMode())
        .isEqualTo(TlsMode.PREFER);
    assertThat(
            DriverProperties.of(
                    ConnectionProfile.server("p", DatabaseKind.MYSQL, "db1", 3306, "clips", "u"))
                .getProperty("sslMode"))
        .isEqualTo("PREFERRED");
    assertThat(
            DriverProperties.of(
                    ConnectionProfile.server(
                        "p", DatabaseKind.POSTGRESQL, "db1", 5432, "clips", "u"))
                .getProperty("sslmode"))
        .isEqualTo("prefer");
  }
}
