package io.clipdeck.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider parked after a quota signal (YouTube quotaExceeded, OpenAI insufficient_quota,
 * ElevenLabs quota_exceeded): no call goes out until the reset, and the breaker is left alone
 * because the provider itself is healthy.
 */
public final class Parking {

  /** Why and until when. */
  public record Parked(Instant until, String reason) {}

  private final Clock clock;
  private final AtomicReference<Parked> parked = new AtomicReference<>();

  public Parking(Clock clock) {
    this.clock = clock;
  }

  public void park(Instant until, String reason) {
    parked.accumulateAndGet(
        new Parked(until, reason),
        (old, fresh) -> old != null && old.until().isAfter(fresh.until()) ? old : fresh);
  }

  /** Lifts the parking early, e.g. after the user fixed billing. */
  public void unpark() {
    parked.set(null);
  }

  /** The parking in force now, if any. */
  public Optional<Parked> current() {
    Parked now = parked.get();
    if (now == null || !clock.instant().isBefore(now.until())) {
      return Optional.empty();
    }
    return Optional.of(now);
  }
}
