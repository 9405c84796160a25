package io.clipdeck.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code initial ·
 * 2^(n-1)}, capped at {@code max}. Jitter keeps many workers from retrying in lockstep; the lower
 * half bound keeps the wait growing.
 */
public record BackoffPolicy(Duration initial, Duration max, DoubleSupplier random) {

  public BackoffPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(random, "random");
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 <= initial <= max, got " + initial + " and " + max);
    }
  }

  public static BackoffPolicy of(Duration initial, Duration max) {
    return new BackoffPolicy(
        initial, max, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration delay(int retry) {
    long ceiling = initial.toNanos();
    for (int i = 1; i < retry && ceiling < max.toNanos(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toNanos());
    long half = ceiling / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
  }
}
