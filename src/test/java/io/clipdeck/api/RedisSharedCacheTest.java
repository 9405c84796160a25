package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.youtube.YouTubeClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Redis level against the machine's Redis, and a Redis that is not there. */
class RedisSharedCacheTest {

  private static final String HOST = "127.0.0.1";
  private static final int PORT = 6379;

  private static void requireRedis() {
    try (Socket socket = new Socket(HOST, PORT)) {
      socket.setSoTimeout(500);
    } catch (IOException e) {
      boolean required =
          "true".equalsIgnoreCase(System.getProperty("clipdeck.test.requireServers", ""));
      if (required) {
        throw new AssertionError("Redis does not answer at " + HOST + ":" + PORT, e);
      }
      Assumptions.abort("Redis does not answer at " + HOST + ":" + PORT + " (skipped)");
    }
  }

  @Test
  void twoConsolesShareAnswersThroughRedis() {
    requireRedis();
    FakeTime time = FakeTime.atNoon();
    try (SimulatorFixture fixture = new SimulatorFixture();
        RedisSharedCache redis =
            new RedisSharedCache(HOST, PORT, Duration.ofMillis(500), Duration.ofSeconds(30), time);
        YouTubeClient first = client(fixture, redis);
        YouTubeClient second = client(fixture, redis)) {
      // A fresh id per run: entries of earlier runs must not answer for this one.
      String videoId = "r" + UUID.randomUUID().toString().substring(0, 8);

      assertThat(first.videoInfo(videoId)).isPresent();
      assertThat(second.videoInfo(videoId)).isPresent();

      assertThat(fixture.simulator.journal().count(Provider.YOUTUBE)).isEqualTo(1);
      assertThat(second.api().metrics().cacheHits()).isEqualTo(1);
    }
  }

  private static YouTubeClient client(SimulatorFixture fixture, SharedCache shared) {
    return YouTubeClient.create(
        fixture.config(Provider.YOUTUBE).build(), new InMemoryQuotaLedger(), shared);
  }

  @Test
  void aRedisThatIsDownFailsFastThenIsLeftAlone() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    FakeTime time = FakeTime.atNoon();
    try (RedisSharedCache redis =
            new RedisSharedCache(
                HOST, closedPort, Duration.ofMillis(300), Duration.ofSeconds(30), time);
        SimulatorFixture fixture = new SimulatorFixture();
        YouTubeClient youtube = client(fixture, redis)) {
      assertThatThrownBy(() -> redis.get("k")).hasMessageContaining("is unavailable");
      assertThatThrownBy(() -> redis.get("k")).hasMessageContaining("next try after");

      assertThat(youtube.videoInfo("Qm7vT2xK9aB")).as("a miss, not a failure").isPresent();
    }
  }
}
