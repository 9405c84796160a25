package io.clipdeck.db;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A profile's pool and connection knobs, named as in the reference guides so their examples carry
 * over.
 *
 * @param poolSize connections kept open while idle (HikariCP's minimum idle)
 * @param maxOverflow connections allowed above {@code poolSize} under load; the pool's maximum is
 *     {@code poolSize + maxOverflow}
 * @param poolTimeout how long a borrower waits for a connection before it gets an error
 * @param poolRecycle the longest a connection lives; keep it below the server's own idle limit so
 *     the server never closes one under the pool
 * @param prePing validate connections before use and ping idle ones, so a restarted server costs no
 *     failed query
 * @param connectArgs driver properties (checked against the driver's allow-list when the pool
 *     opens), e.g. {@code sslmode}, {@code characterEncoding}, {@code sessionVariables}
 * @param echo log every SQL statement with its duration
 * @param echoPool log the pool's events (connections opened, closed, evicted)
 * @param applicationName the name the server shows for Clipdeck's connections
 * @param statementTimeout the longest one statement may run; zero for no limit
 */
public record PoolSettings(
    int poolSize,
    int maxOverflow,
    Duration poolTimeout,
    Duration poolRecycle,
    boolean prePing,
    Map<String, String> connectArgs,
    boolean echo,
    boolean echoPool,
    String applicationName,
    Duration statementTimeout) {

  /** Small and lazy, as suits a desktop: one idle connection, up to five, a 5 s borrow timeout. */
  public static final PoolSettings DESKTOP =
      new PoolSettings(
          1,
          4,
          Duration.ofSeconds(5),
          Duration.ofMinutes(25),
          true,
          Map.of(),
          false,
          false,
          "Clipdeck",
          Duration.ZERO);

  public PoolSettings {
    if (poolSize < 0) {
      throw new IllegalArgumentException("pool_size is " + poolSize + ": use 0 or more");
    }
    if (maxOverflow < 0) {
      throw new IllegalArgumentException("max_overflow is " + maxOverflow + ": use 0 or more");
    }
    if (poolSize + maxOverflow < 1) {
      throw new IllegalArgumentException(
          "pool_size + max_overflow is 0: the pool could never open a connection; raise either");
    }
    if (poolTimeout == null || poolTimeout.toMillis() < 250) {
      throw new IllegalArgumentException(
          "pool_timeout is " + poolTimeout + ": use at least 250 ms (HikariCP's minimum)");
    }
    if (poolRecycle == null || poolRecycle.toSeconds() < 30) {
      throw new IllegalArgumentException(
          "pool_recycle is " + poolRecycle + ": use at least 30 s (HikariCP's minimum)");
    }
    statementTimeout = statementTimeout == null ? Duration.ZERO : statementTimeout;
    if (statementTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "statement_timeout is " + statementTimeout + ": use zero (no limit) or more");
    }
    connectArgs = connectArgs == null ? Map.of() : Map.copyOf(new TreeMap<>(connectArgs));
    applicationName =
        applicationName == null || applicationName.isBlank() ? "Clipdeck" : applicationName;
  }

  /** The most connections the pool opens at once. */
  public int maximumPoolSize() {
    return poolSize + maxOverflow;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes a few knobs of existing settings; {@link #build()} validates the result. */
  public static final class Builder {
    private int poolSize;
    private int maxOverflow;
    private Duration poolTimeout;
    private Duration poolRecycle;
    private boolean prePing;
    private Map<String, String> connectArgs;
    private boolean echo;
    private boolean echoPool;
    private String applicationName;
    private Duration statementTimeout;

    private Builder(PoolSettings from) {
      poolSize = from.poolSize;
      maxOverflow = from.maxOverflow;
      poolTimeout = from.poolTimeout;
      poolRecycle = from.poolRecycle;
      prePing = from.prePing;
      connectArgs = from.connectArgs;
      echo = from.echo;
      echoPool = from.echoPool;
      applicationName = from.applicationName;
      statementTimeout = from.statementTimeout;
    }

    public Builder poolSize(int value) {
      poolSize = value;
      return this;
    }

    public Builder maxOverflow(int value) {
      maxOverflow = value;
      return this;
    }

    public Builder poolTimeout(Duration value) {
      poolTimeout = value;
      return this;
    }

    public Builder poolRecycle(Duration value) {
      poolRecycle = value;
      return this;
    }

    public Builder prePing(boolean value) {
      prePing = value;
      return this;
    }

    public Builder connectArgs(Map<String, String> value) {
      connectArgs = value;
      return this;
    }

    public Builder echo(boolean value) {
      echo = value;
      return this;
    }

    public Builder echoPool(boolean value) {
      echoPool = value;
      return this;
    }

    public Builder applicationName(String value) {
      applicationName = value;
      return this;
    }

    public Builder statementTimeout(Duration value) {
      statementTimeout = value;
      return this;
    }

    public PoolSettings build() {
      return new PoolSettings(
          poolSize,
          maxOverflow,
          poolTimeout,
          poolRecycle,
          prePing,
          connectArgs,
          echo,
          echoPool,
          applicationName,
          statementTimeout);
    }
  }
}
