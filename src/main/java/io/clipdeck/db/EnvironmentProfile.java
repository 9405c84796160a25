package io.clipdeck.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only profile described by {@code DATABASE_*} variables, as the reference guides configure
 * a service: {@code DATABASE_TYPE}, {@code DATABASE_URL} or {@code DATABASE_HOST/PORT/NAME/USER/
 * PASSWORD}, {@code DATABASE_ENVIRONMENT}, and the pool and health-check knobs. The password stays
 * in memory only. Without {@code DATABASE_ENVIRONMENT} the profile is unlabelled and guarded like
 * Production.
 *
 * @param healthCheckInterval {@code DATABASE_HEALTH_CHECK_INTERVAL} in seconds, if set
 * @param healthCheckEnabled {@code DATABASE_HEALTH_CHECK_ENABLED}, true unless set to false
 */
public record EnvironmentProfile(
    ConnectionProfile profile,
    Optional<char[]> password,
    Optional<Duration> healthCheckInterval,
    boolean healthCheckEnabled) {

  /** The profile's name in lists; its password reference. */
  public static final String NAME = "Environment (DATABASE_*)";

  public static final String PASSWORD_REF = "env:DATABASE_PASSWORD";

  /**
   * Reads the variables; empty when neither {@code DATABASE_URL} nor {@code DATABASE_HOST} is set.
   */
  public static Optional<EnvironmentProfile> read(Map<String, String> env) {
    String url = blankToNull(env.get("DATABASE_URL"));
    String host = blankToNull(env.get("DATABASE_HOST"));
    if (url == null && host == null && blankToNull(env.get("DATABASE_TYPE")) == null) {
      return Optional.empty();
    }
    Parts parts = url != null ? fromUrl(url) : fromFields(env);
    PoolSettings.Builder pool = PoolSettings.DESKTOP.toBuilder();
    integer(env, "DATABASE_POOL_SIZE").ifPresent(pool::poolSize);
    integer(env, "DATABASE_MAX_OVERFLOW").ifPresent(pool::maxOverflow);
    seconds(env, "DATABASE_POOL_TIMEOUT").ifPresent(pool::poolTimeout);
    seconds(env, "DATABASE_POOL_RECYCLE").ifPresent(pool::poolRecycle);
    ConnectionProfile base =
        parts.kind().isFileBased()
            ? ConnectionProfile.sqlite(NAME, Path.of(parts.database()))
            : ConnectionProfile.server(
                NAME, parts.kind(), parts.host(), parts.port(), parts.database(), parts.user());
    Optional<char[]> password = Optional.ofNullable(parts.password()).map(String::toCharArray);
    ConnectionProfile profile =
        base.toBuilder()
            .passwordRef(password.isPresent() ? PASSWORD_REF : null)
            .environment(environment(env))
            .pool(pool.build())
            .build();
    return Optional.of(
        new EnvironmentProfile(
            profile,
            password,
            seconds(env, "DATABASE_HEALTH_CHECK_INTERVAL"),
            !"false".equalsIgnoreCase(env.getOrDefault("DATABASE_HEALTH_CHECK_ENABLED", "true"))));
  }

  /**
   * {@code DATABASE_ENVIRONMENT} (development, test or production), else unlabelled, which the
   * console guards like Production: a URL says where a database is, not what it is for.
   */
  private static Environment environment(Map<String, String> env) {
    String label = blankToNull(env.get("DATABASE_ENVIRONMENT"));
    if (label == null) {
      return Environment.UNLABELLED;
    }
    try {
      return Environment.parse(label);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DATABASE_ENVIRONMENT: " + e.getMessage(), null);
    }
  }

  private record Parts(
      DatabaseKind kind, String host, int port, String database, String user, String password) {}

  private static Parts fromFields(Map<String, String> env) {
    DatabaseKind kind = DatabaseKind.parse(env.getOrDefault("DATABASE_TYPE", "postgresql"));
    String database = required(env, "DATABASE_NAME");
    if (kind.isFileBased()) {
      return new Parts(kind, null, 0, database, null, null);
    }
    int port = integer(env, "DATABASE_PORT").orElse(kind.defaultPort());
    return new Parts(
        kind,
        required(env, "DATABASE_HOST"),
        port,
        database,
        env.get("DATABASE_USER"),
        blankToNull(env.get("DATABASE_PASSWORD")));
  }

  /**
   * Accepts the guides' SQLAlchemy-style URLs: {@code postgresql+asyncpg://user:pass@host:5432/db},
   * {@code mysql+aiomysql://...}, {@code sqlite+aiosqlite:///path/to.db}.
   */
  private static Parts fromUrl(String url) {
    int colon = url.indexOf("://");
    if (colon < 1) {
      throw new IllegalArgumentException(
          "DATABASE_URL is not a URL like postgresql://user@host:5432/db");
    }
    String scheme = url.substring(0, colon);
    DatabaseKind kind = DatabaseKind.parse(scheme.replaceFirst("\\+.*", ""));
    if (kind.isFileBased()) {
      String path = url.substring(colon + 3);
      if (path.startsWith("/") && path.length() > 1 && !path.startsWith("//")) {
        path = path.substring(1); // sqlite:///relative.db; sqlite:////absolute.db
      }
      return new Parts(kind, null, 0, path, null, null);
    }
    try {
      URI uri = new URI("db" + url.substring(colon));
      String userInfo = uri.getRawUserInfo();
      String user = null;
      String password = null;
      if (userInfo != null) {
        int split = userInfo.indexOf(':');
        user = decode(split < 0 ? userInfo : userInfo.substring(0, split));
        password = split < 0 ? null : decode(userInfo.substring(split + 1));
      }
      String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (uri.getHost() == null || database.isEmpty()) {
        throw new IllegalArgumentException(
            "DATABASE_URL needs a host and a database name, like postgresql://user@host:5432/db");
      }
      return new Parts(
          kind,
          uri.getHost(),
          uri.getPort() < 0 ? kind.defaultPort() : uri.getPort(),
          database,
          user,
          password);
    } catch (URISyntaxException e) {
      // The message would echo the URL, and with it the password: name the position only.
      throw new IllegalArgumentException(
          "DATABASE_URL is not a valid URL (at character " + e.getIndex() + ")", null);
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String required(Map<String, String> env, String name) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      throw new IllegalArgumentException(name + " is not set: set it or DATABASE_URL");
    }
    return value;
  }

  private static Optional<Integer> integer(Map<String, String> env, String name) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is '" + value + "': use a whole number");
    }
  }

  private static Optional<Duration> seconds(Map<String, String> env, String name) {
    return integer(env, name).map(Duration::ofSeconds);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
