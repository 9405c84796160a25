package io.clipdeck.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until an instant of a clock. Injected so tests move a fake clock instead of sleeping;
 * {@link #of(Clock)} sleeps for real, which on a virtual thread releases its carrier (no lock is
 * held while waiting, so nothing pins).
 */
@FunctionalInterface
public interface Sleeper {

  void sleepUntil(Instant deadline) throws InterruptedException;

  static Sleeper of(Clock clock) {
    return deadline -> {
      Duration left = Duration.between(clock.instant(), deadline);
      while (left.isPositive()) {
        Thread.sleep(left);
        left = Duration.between(clock.instant(), deadline);
      }
    };
  }
}
