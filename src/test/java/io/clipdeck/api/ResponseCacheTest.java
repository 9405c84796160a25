package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.youtube.YouTubeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two cache levels, TTL on the injected clock, a shared level that may fail without harm. */
class ResponseCacheTest {

  private final SimulatorFixture fixture = new SimulatorFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private YouTubeClient client(SharedCache shared) {
    return YouTubeClient.create(
        fixture.config(Provider.YOUTUBE).cache(Duration.ofMinutes(5), 100).build(),
        new InMemoryQuotaLedger(),
        shared);
  }

  private long requests() {
    return fixture.simulator.journal().count(Provider.YOUTUBE);
  }

  @Test
  void aRepeatedReadIsServedFromProcessUntilItExpires() {
    try (YouTubeClient youtube = client(SharedCache.none())) {
      youtube.videoInfo("Qm7vT2xK9aB");
      youtube.videoInfo("Qm7vT2xK9aB");
      assertThat(requests()).isEqualTo(1);
      assertThat(youtube.api().metrics().cacheHits()).isEqualTo(1);

      youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached());
      assertThat(requests()).as("useCache=false asks the provider").isEqualTo(2);

      fixture.time.advance(Duration.ofMinutes(6));
      youtube.videoInfo("Qm7vT2xK9aB");
      assertThat(requests()).as("the entry expired").isEqualTo(3);
    }
  }

  @Test
  void aSecondConsoleReadsTheSharedLevelAndNoKeyIsInIt() {
    MapSharedCache shared = new MapSharedCache();
    try (YouTubeClient first = client(shared);
        YouTubeClient second = client(shared)) {
      first.videoInfo("Qm7vT2xK9aB");
      Optional<io.clipdeck.api.youtube.VideoInfo> fromShared = second.videoInfo("Qm7vT2xK9aB");

      assertThat(fromShared).isPresent();
      assertThat(requests()).isEqualTo(1);
      assertThat(shared.entries.keySet())
          .isNotEmpty()
          .allSatisfy(key -> assertThat(key).doesNotContain(SimulatorFixture.YOUTUBE_KEY));
    }
  }

  @Test
  void aSharedLevelThatIsDownMeansMissesNotFailures() {
    SharedCache down =
        new SharedCache() {
          @Override
          public Optional<byte[]> get(String key) {
            throw new IllegalStateException("Connection refused");
          }

          @Override
          public void put(String key, byte[] value, Duration ttl) {
            throw new IllegalStateException("Connection refused");
          }
        };
    try (YouTubeClient youtube = client(down)) {
      assertThat(youtube.videoInfo("Qm7vT2xK9aB")).isPresent();
      assertThat(youtube.videoInfo("kP3sD8fG1hJ")).isPresent();
      assertThat(youtube.api().metrics().cacheMisses()).isEqualTo(2);
      assertThat(youtube.api().metrics().errorCount()).isZero();
    }
  }

  /** A shared level in a map, standing in for Redis. */
  private static final class MapSharedCache implements SharedCache {
    final Map<String, byte[]> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
      entries.put(key, value);
    }
  }
}
