package io.clipdeck.enrich;

import io.clipdeck.api.BackoffPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the task queue leases, retries and gives up.
 *
 * @param lease how long a claimed task belongs to its worker; renewed while the call runs, so it
 *     only has to outlast a worker that died
 * @param maxAttempts claims before a task is dead-lettered (a crashed worker's claim counts)
 * @param backoffBase the wait after the first failed attempt; doubles each attempt, with jitter
 * @param backoffMax the longest wait between attempts
 */
public record QueueSettings(
    Duration lease, int maxAttempts, Duration backoffBase, Duration backoffMax) {

  public static final QueueSettings DEFAULTS =
      new QueueSettings(Duration.ofMinutes(2), 5, Duration.ofSeconds(5), Duration.ofMinutes(10));

  public QueueSettings {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffMax, "backoffMax");
    if (lease.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException(
          "a lease of " + lease + " is too short: use 100 ms or more");
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("max attempts is " + maxAttempts + ": use 1 to 100");
    }
    if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 <= base <= max, got " + backoffBase + " and " + backoffMax);
    }
  }

  public QueueSettings withLease(Duration value) {
    return new QueueSettings(value, maxAttempts, backoffBase, backoffMax);
  }

  public QueueSettings withMaxAttempts(int value) {
    return new QueueSettings(lease, value, backoffBase, backoffMax);
  }

  public QueueSettings withBackoff(Duration base, Duration max) {
    return new QueueSettings(lease, maxAttempts, base, max);
  }

  /** The wait after failed attempt {@code attempt} (1-based): half fixed, half random. */
  Duration backoff(int attempt, double random) {
    return policy(() -> random).delay(attempt);
  }

  /** The same exponential backoff with equal jitter as the API clients'. */
  public BackoffPolicy policy(java.util.function.DoubleSupplier random) {
    return new BackoffPolicy(backoffBase, backoffMax, random);
  }
}
