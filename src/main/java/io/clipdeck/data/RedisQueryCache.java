package io.clipdeck.data;

import io.clipdeck.config.RedisEndpoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * The query cache's second level: results shared by every console and worker using the same Redis,
 * and invalidated across them by a generation counter per table that each write increments (a
 * cached result's key holds the generations it was read at, so a write anywhere makes it
 * unreachable). Redis is an optimisation, never a dependency: when it does not answer, every call
 * here returns "nothing cached" or does nothing, one warning is logged, and Redis is left alone for
 * a few seconds before it is tried again.
 */
public final class RedisQueryCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisQueryCache.class);

  /** Generation keys outlive any entry: an entry's TTL is capped below this. */
  private static final Duration GENERATION_LIFETIME = Duration.ofDays(2);

  static final Duration MAX_TTL = Duration.ofDays(1);

  /** How long to leave Redis alone after it failed. */
  private static final long RETRY_AFTER_NANOS = Duration.ofSeconds(5).toNanos();

  private final RedisClient client;
  private final String where;
  private final String prefix;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicLong downUntil = new AtomicLong();

  /**
   * @param uri e.g. {@code redis://127.0.0.1:6379/0}, {@code rediss://app@cache:6380/1}; no
   *     password
   * @param prefix the start of every key this cache writes, e.g. {@code clipdeck:}
   */
  public RedisQueryCache(URI uri, String prefix) {
    this(RedisEndpoint.of(uri), Optional::empty, prefix);
  }

  /**
   * @param endpoint where Redis is, its user, database and TLS
   * @param password from the secret store ({@link RedisEndpoint#PASSWORD_REF}); used, never logged
   * @param prefix the start of every key this cache writes, e.g. {@code clipdeck:}
   */
  public RedisQueryCache(
      RedisEndpoint endpoint,
      java.util.function.Supplier<Optional<char[]>> password,
      String prefix) {
    this.client = endpoint.client(password, Duration.ofSeconds(2));
    this.where = endpoint.host() + ":" + endpoint.port();
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The tables' generations under a database namespace; empty when Redis does not answer. */
  Optional<List<Long>> generations(String namespace, List<String> tables) {
    if (skipping()) {
      return Optional.empty();
    }
    try {
      String[] keys =
          tables.stream().map(table -> generationKey(namespace, table)).toArray(String[]::new);
      List<String> values = client.mget(keys);
      List<Long> generations = new ArrayList<>(values.size());
      for (String value : values) {
        generations.add(value == null ? 0L : Long.parseLong(value));
      }
      answered();
      return Optional.of(generations);
    } catch (RuntimeException e) {
      failed(e);
      return Optional.empty();
    }
  }

  Optional<String> get(String key) {
    if (skipping()) {
      return Optional.empty();
    }
    try {
      String value = client.get(prefix + "q:" + key);
      answered();
      return Optional.ofNullable(value);
    } catch (RuntimeException e) {
      failed(e);
      return Optional.empty();
    }
  }

  void put(String key, String value, Duration ttl) {
    if (skipping()) {
      return;
    }
    Duration capped = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    try {
      client.psetex(prefix + "q:" + key, Math.max(1, capped.toMillis()), value);
      answered();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** Makes every shared result read from these tables unreachable, in every process. */
  void bump(String namespace, Set<String> tables) {
    if (skipping()) {
      return;
    }
    try (AbstractPipeline pipeline = client.pipelined()) {
      for (String table : tables) {
        String key = generationKey(namespace, table);
        pipeline.incr(key);
        pipeline.expire(key, GENERATION_LIFETIME.toSeconds());
      }
      pipeline.sync();
      answered();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** A fixed-length key for a long text (statement and parameters). */
  static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private String generationKey(String namespace, String table) {
    return prefix + "gen:" + digest(namespace).substring(0, 16) + ":" + table;
  }

  private boolean skipping() {
    return down.get() && System.nanoTime() < downUntil.get();
  }

  private void answered() {
    if (down.compareAndSet(true, false)) {
      LOG.info("Redis at {} answers again: the shared query cache is back in use", where);
    }
  }

  private void failed(RuntimeException e) {
    downUntil.set(System.nanoTime() + RETRY_AFTER_NANOS);
    if (down.compareAndSet(false, true)) {
      LOG.warn(
          "Redis at {} does not answer ({}): queries go to the database and the in-process cache"
              + " until it is back",
          where,
          e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
