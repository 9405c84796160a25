package io.clipdeck.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Successful answers by request cache key: Caffeine in process (TTL and size bound), then the
 * shared level. A shared level that fails is a miss, logged once until it works again.
 */
public final class ResponseCache {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

  private final Cache<String, ApiResponse> local;
  private final SharedCache shared;
  private final Duration ttl;
  private final AtomicBoolean sharedDownWarned = new AtomicBoolean();

  public ResponseCache(Duration ttl, long maxEntries, SharedCache shared, Clock clock) {
    this.ttl = ttl;
    this.shared = shared;
    this.local =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumSize(maxEntries)
            .ticker(tickerOf(clock))
            .build();
  }

  private static Ticker tickerOf(Clock clock) {
    // Caffeine reads time through a ticker; driving it from the clock lets tests expire entries.
    long origin = clock.instant().toEpochMilli();
    return () -> (clock.instant().toEpochMilli() - origin) * 1_000_000L;
  }

  /** Where the answer came from, when there was one. */
  public enum Level {
    LOCAL,
    SHARED
  }

  /** A cached answer and its level. */
  public record Hit(ApiResponse response, Level level) {}

  public Optional<Hit> get(String key) {
    ApiResponse inProcess = local.getIfPresent(key);
    if (inProcess != null) {
      return Optional.of(new Hit(inProcess, Level.LOCAL));
    }
    try {
      Optional<byte[]> body = shared.get(key);
      sharedDownWarned.set(false);
      return body.map(
          bytes -> {
            ApiResponse response = new ApiResponse(200, Map.of(), bytes);
            local.put(key, response);
            return new Hit(response, Level.SHARED);
          });
    } catch (RuntimeException sharedDown) {
      warnOnce(sharedDown);
      return Optional.empty();
    }
  }

  public void put(String key, ApiResponse response) {
    local.put(key, response);
    try {
      shared.put(key, response.body(), ttl);
    } catch (RuntimeException sharedDown) {
      warnOnce(sharedDown);
    }
  }

  /** Drops every in-process answer; returns how many there were. */
  public long clearLocal() {
    long size = localSize();
    local.invalidateAll();
    return size;
  }

  public long localSize() {
    local.cleanUp();
    return local.estimatedSize();
  }

  private void warnOnce(RuntimeException sharedDown) {
    if (sharedDownWarned.compareAndSet(false, true)) {
      LOG.warn(
          "Shared API cache ({}) is unavailable, reading from the providers: {}",
          shared,
          sharedDown.toString());
    }
  }
}
