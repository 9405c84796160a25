package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.config.RedisEndpoint;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Redis password goes to the secret store, and settings.json holds only the URL. */
class RedisPasswordCommandTest {

  @TempDir Path root;

  @Test
  void thePasswordIsKeptInTheSecretStoreNeverInSettings() throws Exception {
    String password = "redis-secret-" + System.nanoTime();
    Map<String, String> env = Map.of("CLIPDECK_MASTER_PASSWORD", "master-" + System.nanoTime());
    CliRun set =
        CliRun.run(root, env, "settings", "set", "redis_url", "rediss://app@127.0.0.1:6380/1");
    assertThat(set.exitCode()).as(set.err()).isZero();
    CliRun refused =
        CliRun.run(
            root, env, "settings", "set", "redis_url", "redis://app:" + password + "@cache:6379");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("must not carry a password").doesNotContain(password);

    InputStream stdin = System.in;
    CliRun stored;
    try {
      System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
      stored = CliRun.run(root, env, "settings", "redis-password");
    } finally {
      System.setIn(stdin);
    }

    assertThat(stored.exitCode()).as(stored.err()).isZero();
    assertThat(stored.out()).startsWith("Redis password kept in");
    AppContext.Options isolated = AppContext.Options.isolated(AppPaths.under(root));
    try (AppContext context =
        new AppContext(
            new AppContext.Options(
                isolated.paths(),
                isolated.clock(),
                isolated.healthInterval(),
                isolated.logCapacity(),
                env))) {
      assertThat(context.secrets().get(RedisEndpoint.PASSWORD_REF).map(String::new))
          .contains(password);
      assertThat(context.settings().redisUrl()).isEqualTo("rediss://app@127.0.0.1:6380/1");
      try (var files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
              .as(file.toString())
              .doesNotContain(password);
        }
      }
    }
  }
}
