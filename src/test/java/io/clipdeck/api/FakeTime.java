package io.clipdeck.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test or a sleeper moves it. Sleeping jumps the clock to the
 * deadline (never backwards), so limiter waits, backoffs and Retry-After cost no real time and stay
 * exact.
 */
public final class FakeTime extends Clock implements Sleeper {

  private final AtomicReference<Instant> now;

  public FakeTime(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public static FakeTime atNoon() {
    return new FakeTime(Instant.parse("2026-03-02T12:00:00Z"));
  }

  @Override
  public void sleepUntil(Instant deadline) {
    now.accumulateAndGet(deadline, (current, wanted) -> wanted.isAfter(current) ? wanted : current);
  }

  public void advance(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeTime stays in UTC");
  }
}
