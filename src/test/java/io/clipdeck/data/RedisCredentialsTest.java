package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.RedisSharedCache;
import io.clipdeck.config.RedisEndpoint;
import io.clipdeck.config.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private redis-server with an ACL user and a password: both the query cache and the API cache
 * log in with the URL's user and the password from the secret store, and a wrong or missing
 * password costs only misses. The settings keep the URL without the password.
 */
class RedisCredentialsTest {

  private static final String PASSWORD = "redis-pw-" + System.nanoTime();

  @TempDir static Path dir;

  private static Process server;
  private static int port;

  @BeforeAll
  static void startRedisWithAPassword() throws Exception {
    Path binary = Path.of("/usr/bin/redis-server");
    Assumptions.assumeTrue(
        Files.isExecutable(binary) || "true".equals(System.getenv("CI")), "no redis-server");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("redis.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "port " + port,
            "bind 127.0.0.1",
            "save \"\"",
            "appendonly no",
            "dir " + dir,
            "user default off",
            "user app on >" + PASSWORD + " ~* +@all",
            ""));
    server =
        new ProcessBuilder(binary.toString(), config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        assertThat(probe.isConnected()).isTrue();
        break;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        }
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private static URI url() {
    return URI.create("redis://app@127.0.0.1:" + port + "/3");
  }

  @Test
  void theQueryCacheLogsInWithTheUserAndTheStoredPassword() {
    try (RedisQueryCache cache =
        new RedisQueryCache(
            RedisEndpoint.of(url()), () -> Optional.of(PASSWORD.toCharArray()), "t:")) {
      cache.put("k", "v", Duration.ofMinutes(1));
      assertThat(cache.get("k")).contains("v");
    }
  }

  @Test
  void theApiCacheLogsInWithTheUserAndTheStoredPasswordToo() {
    try (RedisSharedCache cache =
        new RedisSharedCache(
            RedisEndpoint.of(url()),
            () -> Optional.of(PASSWORD.toCharArray()),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            Clock.systemUTC())) {
      cache.put("k", "v".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
      assertThat(cache.get("k"))
          .hasValueSatisfying(bytes -> assertThat(bytes).asString().isEqualTo("v"));
    }
  }

  @Test
  void aWrongPasswordIsOnlyAMissAndNeverShown() {
    try (RedisQueryCache cache =
        new RedisQueryCache(
            RedisEndpoint.of(url()), () -> Optional.of("wrong-one".toCharArray()), "t:")) {
      cache.put("k2", "v", Duration.ofMinutes(1));
      assertThat(cache.get("k2")).isEmpty();
    }
    try (RedisSharedCache cache =
        new RedisSharedCache(
            RedisEndpoint.of(url()),
            () -> Optional.of("wrong-one".toCharArray()),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            Clock.systemUTC())) {
      assertThatThrownBy(() -> cache.get("k"))
          .hasMessageContaining("is unavailable")
          .hasMessageNotContaining("wrong-one");
    }
  }

  @Test
  void settingsKeepTheUrlWithoutThePasswordAndAcceptTls() {
    assertThat(Settings.DEFAULTS.withRedisUrl("rediss://app@cache.example:6380/2").redisUrl())
        .isEqualTo("rediss://app@cache.example:6380/2");
    assertThatThrownBy(
            () -> Settings.DEFAULTS.withRedisUrl("redis://app:" + PASSWORD + "@cache:6379"))
        .hasMessageContaining("must not carry a password")
        .hasMessageContaining(RedisEndpoint.PASSWORD_REF)
        .hasMessageNotContaining(PASSWORD);
    RedisEndpoint tls = RedisEndpoint.of(URI.create("rediss://app@cache.example:6380/2"));
    assertThat(List.of(tls.tls(), tls.host(), tls.port(), tls.user().orElseThrow(), tls.database()))
        .containsExactly(true, "cache.example", 6380, "app", 2);
    assertThat(RedisEndpoint.of(URI.create("redis://cache")).tls()).isFalse();

    RedisEndpoint.Split split = RedisEndpoint.split("rediss://app:p%40ss@cache:6380/1");
    assertThat(split.url()).isEqualTo("rediss://app@cache:6380/1");
    assertThat(new String(split.password().orElseThrow())).isEqualTo("p@ss");
    assertThat(split.toString()).doesNotContain("p@ss");
  }
}
