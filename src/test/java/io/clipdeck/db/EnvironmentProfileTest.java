package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProfileTest {

  @Test
  void readsTheGuidesUrlWithItsPoolKnobs() {
    EnvironmentProfile env =
        EnvironmentProfile.read(
                Map.of(
                    "DATABASE_URL", "postgresql+asyncpg://user:p%40ss@db.example:6432/heygen_ai",
                    "DATABASE_POOL_SIZE", "20",
                    "DATABASE_MAX_OVERFLOW", "30",
                    "DATABASE_POOL_TIMEOUT", "30",
                    "DATABASE_POOL_RECYCLE", "3600",
                    "DATABASE_HEALTH_CHECK_INTERVAL", "15",
                    "DATABASE_HEALTH_CHECK_ENABLED", "true"))
            .orElseThrow();

    ConnectionProfile profile = env.profile();
    assertThat(profile.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
    assertThat(profile.location()).isEqualTo("db.example:6432/heygen_ai");
    assertThat(profile.user()).isEqualTo("user");
    assertThat(profile.passwordRef()).isEqualTo(EnvironmentProfile.PASSWORD_REF);
    assertThat(new String(env.password().orElseThrow())).isEqualTo("p@ss");
    assertThat(profile.pool().poolSize()).isEqualTo(20);
    assertThat(profile.pool().maximumPoolSize()).isEqualTo(50);
    assertThat(profile.pool().poolTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(profile.pool().poolRecycle()).isEqualTo(Duration.ofHours(1));
    assertThat(env.healthCheckInterval()).contains(Duration.ofSeconds(15));
    assertThat(env.healthCheckEnabled()).isTrue();
    assertThat(profile.toString()).doesNotContain("p@ss");
  }

  @Test
  void readsSeparateFieldsForMysql() {
    EnvironmentProfile env =
        EnvironmentProfile.read(
                Map.of(
                    "DATABASE_TYPE", "mysql",
                    "DATABASE_HOST", "localhost",
                    "DATABASE_NAME", "heygen_ai",
                    "DATABASE_USER", "root",
                    "DATABASE_HEALTH_CHECK_ENABLED", "false"))
            .orElseThrow();

    assertThat(env.profile().location()).isEqualTo("localhost:3306/heygen_ai");
    assertThat(env.password()).isEmpty();
    assertThat(env.profile().passwordRef()).isNull();
    assertThat(env.healthCheckEnabled()).isFalse();
  }

  @Test
  void readsASqliteUrl() {
    EnvironmentProfile env =
        EnvironmentProfile.read(Map.of("DATABASE_URL", "sqlite+aiosqlite:////tmp/heygen_ai.db"))
            .orElseThrow();

    assertThat(env.profile().kind()).isEqualTo(DatabaseKind.SQLITE);
    assertThat(env.profile().database()).isEqualTo("/tmp/heygen_ai.db");
  }

  @Test
  void nothingSetMeansNoProfile() {
    assertThat(EnvironmentProfile.read(Map.of("HOME", "/root"))).isEmpty();
  }

  @Test
  void aBadValueIsNamedAndABadUrlDoesNotEchoItsPassword() {
    assertThatThrownBy(
            () ->
                EnvironmentProfile.read(
                    Map.of("DATABASE_HOST", "h", "DATABASE_NAME", "d", "DATABASE_PORT", "abc")))
        .hasMessage("DATABASE_PORT is 'abc': use a whole number");
    assertThatThrownBy(
            () -> EnvironmentProfile.read(Map.of("DATABASE_URL", "postgresql://u:s3cret@h st/db")))
        .hasMessageStartingWith("DATABASE_URL is not a valid URL")
        .message()
        .doesNotContain("s3cret");
  }
}
