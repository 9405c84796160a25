package io.clipdeck.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the shared caches' Redis is and how to log in, read from the settings' {@code redis_url}:
 * {@code redis://[user@]host[:port][/db]}, or {@code rediss://} for TLS. The password is a secret
 * and never part of the URL Clipdeck keeps: it lives in the secret store under {@link
 * #PASSWORD_REF}. Both the query cache and the API cache connect with what this says.
 *
 * @param tls whether the connection is TLS ({@code rediss://})
 * @param user the ACL user, or empty for the default user
 * @param database the logical database, 0 when the URL names none
 */
public record RedisEndpoint(
    boolean tls, String host, int port, Optional<String> user, int database) {

  /** The secret reference of the Redis password. */
  public static final String PASSWORD_REF = "redis/password";

  public static final int DEFAULT_PORT = 6379;

  /**
   * Reads a URL without a password (as the settings keep it).
   *
   * @throws IllegalArgumentException naming what is wrong, never echoing a password
   */
  public static RedisEndpoint of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException(
          "redis_url needs the form redis://[user@]host:port/db or rediss://... for TLS");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("redis_url has no host: use redis://host:port/db");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && userInfo.contains(":")) {
      throw new IllegalArgumentException(
          "redis_url must not carry a password: settings.json holds no secrets. Give the URL"
              + " without it and keep the password in the secret store ("
              + PASSWORD_REF
              + ", 'clipdeck settings redis-password')");
    }
    Optional<String> user =
        Optional.ofNullable(userInfo)
            .filter(text -> !text.isEmpty())
            .map(text -> URLDecoder.decode(text, StandardCharsets.UTF_8));
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    int database;
    try {
      database = path.isEmpty() ? 0 : Integer.parseInt(path);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "redis_url's database '" + path + "' is not a number: use e.g. redis://host:6379/0");
    }
    if (database < 0) {
      throw new IllegalArgumentException("redis_url's database must be 0 or more");
    }
    return new RedisEndpoint(
        scheme.equals("rediss"),
        uri.getHost(),
        uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
        user,
        database);
  }

  /**
   * A URL as a user types it, password included, split into the URL to keep in the settings and the
   * password to keep in the secret store.
   *
   * @param url e.g. {@code redis://app:s3cret@cache:6379/1}
   */
  public static Split split(String url) {
    URI uri = URI.create(url.strip());
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || !userInfo.contains(":")) {
      return new Split(url.strip(), Optional.empty());
    }
    int colon = userInfo.indexOf(':');
    String user = userInfo.substring(0, colon);
    char[] password =
        URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8).toCharArray();
    String kept =
        uri.getScheme()
            + "://"
            + (user.isEmpty() ? "" : user + "@")
            + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1)
            + (uri.getRawPath() == null ? "" : uri.getRawPath());
    return new Split(kept, Optional.of(password));
  }

  /** A URL without its password, and the password. */
  public record Split(String url, Optional<char[]> password) {
    @Override
    public String toString() {
      return "Split[url=" + url + ", password=" + (password.isPresent() ? "(set)" : "none") + "]";
    }
  }

  /**
   * A Jedis client for this endpoint: its database and TLS, {@code timeout} to connect and to read,
   * and, when the URL names a user, that user with the password {@code password} gives (read from
   * the secret store as each connection logs in, so nothing asks for it before Redis is used). For
   * Redis's plain {@code requirepass} the user is {@code default}.
   */
  public redis.clients.jedis.RedisClient client(
      Supplier<Optional<char[]>> password, Duration timeout) {
    int millis = Math.toIntExact(timeout.toMillis());
    redis.clients.jedis.DefaultJedisClientConfig.Builder config =
        redis.clients.jedis.DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .database(database)
            .ssl(tls);
    user.ifPresent(
        name ->
            config.credentialsProvider(
                new redis.clients.jedis.RedisCredentialsProvider() {
                  @Override
                  public redis.clients.jedis.RedisCredentials get() {
                    return new redis.clients.jedis.DefaultRedisCredentials(
                        name, password.get().orElse(null));
                  }
                }));
    return redis.clients.jedis.RedisClient.builder()
        .hostAndPort(new redis.clients.jedis.HostAndPort(host, port))
        .clientConfig(config.build())
        .build();
  }

  /** For messages: {@code Redis at host:port} and whether it is TLS; never a password. */
  public String describe() {
    return "Redis at " + host + ":" + port + (tls ? " (TLS)" : "");
  }
}
