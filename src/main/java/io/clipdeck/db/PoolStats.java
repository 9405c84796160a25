package io.clipdeck.db;

import java.time.Duration;

/**
 * A point-in-time reading of one pool: the figures may already have changed when you read them.
 *
 * @param active connections lent out now
 * @param idle connections open and waiting in the pool
 * @param total open connections, active plus idle
 * @param waiting threads blocked waiting for a connection
 * @param max the most connections the pool will open
 * @param overflow connections open above {@code pool_size}
 * @param borrows connections handed out since the pool started
 * @param borrowTimeouts borrowers that gave up after {@code pool_timeout}
 * @param averageBorrow mean time to get a connection, zero before the first borrow
 * @param maxBorrow the longest time a borrower waited
 */
public record PoolStats(
    int active,
    int idle,
    int total,
    int waiting,
    int max,
    int overflow,
    long borrows,
    long borrowTimeouts,
    Duration averageBorrow,
    Duration maxBorrow) {

  /** What a pool that has not opened yet reports. */
  public static PoolStats notStarted(int max) {
    return new PoolStats(0, 0, 0, 0, max, 0, 0, 0, Duration.ZERO, Duration.ZERO);
  }
}
