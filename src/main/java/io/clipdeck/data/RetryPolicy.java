package io.clipdeck.data;

import io.clipdeck.api.BackoffPolicy;
import java.time.Duration;

/**
 * How often a transaction that hit a retryable conflict runs again, and how long it waits between
 * attempts: exponential backoff with jitter ({@link BackoffPolicy}), so transactions that collided
 * do not collide again in lockstep.
 *
 * @param maxAttempts attempts in all, the first included; 1 turns retrying off
 * @param baseDelay the wait after the first failed attempt, before jitter
 * @param maxDelay the longest wait between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** Eight attempts, 5 ms doubling up to 200 ms: enough for a desktop's few writers. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(8, Duration.ofMillis(5), Duration.ofMillis(200));

  /** One attempt: a conflict reaches the caller as {@link DataException.RetryableConflict}. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts is " + maxAttempts + ": use 1 to 100");
    }
    if (baseDelay == null || baseDelay.isNegative() || maxDelay == null || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must be zero or more");
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay " + maxDelay + " is below baseDelay " + baseDelay + ": raise maxDelay");
    }
  }

  /**
   * The wait after failed attempt {@code attempt} (1-based): the shared {@link BackoffPolicy}, as
   * the API clients and the enrichment queue wait, half fixed and half random.
   */
  Duration delayAfter(int attempt) {
    return BackoffPolicy.of(baseDelay, maxDelay).delay(attempt);
  }
}
