package io.clipdeck.db;

import java.time.Duration;

/**
 * A profile's pool knobs, named as in the reference guides so their examples carry over.
 *
 * @param poolSize connections kept open while idle (HikariCP's minimum idle)
 * @param maxOverflow connections allowed above {@code poolSize} under load; the pool's maximum is
 *     {@code poolSize + maxOverflow}
 * @param poolTimeout how long a borrower waits for a connection before it gets an error
 * @param poolRecycle the longest a connection lives; keep it below the server's own idle limit so
 *     the server never closes one under the pool
 * @param prePing validate connections before use and ping idle ones, so a restarted server costs no
 *     failed query
 */
public record PoolSettings(
    int poolSize, int maxOverflow, Duration poolTimeout, Duration poolRecycle, boolean prePing) {

  /** Small and lazy, as suits a desktop: one idle connection, up to five, a 5 s borrow timeout. */
  public static final PoolSettings DESKTOP =
      new PoolSettings(1, 4, Duration.ofSeconds(5), Duration.ofMinutes(25), true);

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
  }

  /** The most connections the pool opens at once. */
  public int maximumPoolSize() {
    return poolSize + maxOverflow;
  }
}
