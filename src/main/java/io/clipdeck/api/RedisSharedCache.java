package io.clipdeck.api;

import io.clipdeck.config.RedisEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.RedisClient;

/**
 * The shared cache level in Redis, for consoles and workers using the same providers. Keys are
 * prefixed ({@code clipdeck:api:}) and hold no secret (see {@link ApiRequest#cacheKey}).
 *
 * <p>Redis is an optimisation: when it fails, this cache throws (the client counts a miss) and then
 * does not try again for {@code retryAfter}, so a stopped Redis costs one connect timeout per
 * interval rather than one per call.
 */
public final class RedisSharedCache implements SharedCache, AutoCloseable {

  private static final String PREFIX = "clipdeck:api:";

  private final RedisClient redis;
  private final String where;
  private final Clock clock;
  private final Duration retryAfter;
  private final AtomicReference<Instant> downUntil = new AtomicReference<>(Instant.MIN);

  /**
   * @param timeout connect and read timeout; keep it short, a cache must not slow calls down
   */
  public RedisSharedCache(
      String host, int port, Duration timeout, Duration retryAfter, Clock clock) {
    this(
        new RedisEndpoint(false, host, port, Optional.empty(), 0),
        Optional::empty,
        timeout,
        retryAfter,
        clock);
  }

  /**
   * @param endpoint where Redis is, its user, database and TLS ({@code redis_url})
   * @param password from the secret store, if Redis needs one
   */
  public RedisSharedCache(
      RedisEndpoint endpoint,
      java.util.function.Supplier<Optional<char[]>> password,
      Duration timeout,
      Duration retryAfter,
      Clock clock) {
    this.where = endpoint.describe();
    this.clock = clock;
    this.retryAfter = retryAfter;
    this.redis = endpoint.client(password, timeout);
  }

  @Override
  public Optional<byte[]> get(String key) {
    return guarded(() -> Optional.ofNullable(redis.get(bytes(key))));
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    guarded(
        () -> {
          redis.setex(bytes(key), Math.max(1, ttl.toSeconds()), value);
          return Optional.empty();
        });
  }

  private Optional<byte[]> guarded(java.util.function.Supplier<Optional<byte[]>> action) {
    if (clock.instant().isBefore(downUntil.get())) {
      throw new IllegalStateException(
          where + " was unavailable; next try after " + downUntil.get());
    }
    try {
      return action.get();
    } catch (RuntimeException e) {
      downUntil.set(clock.instant().plus(retryAfter));
      throw new IllegalStateException(
          where + " is unavailable: " + e.getClass().getSimpleName(), e);
    }
  }

  private static byte[] bytes(String key) {
    return (PREFIX + key).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    redis.close();
  }

  @Override
  public String toString() {
    return where;
  }
}
