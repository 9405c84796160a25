package io.clipdeck.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider parked after a quota signal (YouTube quotaExceeded, OpenAI insufficient_quota,
 * ElevenLabs quota_exceeded) or a Retry-After too long to wait in place: no call goes out until the
 * reset, and the breaker is left alone because the provider itself is healthy. The parking is also
 * written to the {@link QuotaLedger}, so other consoles and workers using the same key stop as
 * well.
 */
public final class Parking {

  /**
   * Why and until when.
   *
   * @param kind {@link ApiErrorKind#QUOTA_EXHAUSTED} for a quota or billing stop, {@link
   *     ApiErrorKind#RATE_LIMITED} for a long Retry-After
   */
  public record Parked(Instant until, String reason, ApiErrorKind kind) {

    public Parked(Instant until, String reason) {
      this(until, reason, ApiErrorKind.QUOTA_EXHAUSTED);
    }
  }

  private final Clock clock;
  private final QuotaLedger ledger;
  private final String bucket;
  private final AtomicReference<Parked> parked = new AtomicReference<>();
  private final AtomicReference<Instant> ignoreSharedUntil = new AtomicReference<>(Instant.MIN);

  public Parking(Clock clock, QuotaLedger ledger, String bucket) {
    this.clock = clock;
    this.ledger = ledger;
    this.bucket = bucket;
  }

  public void park(Instant until, String reason) {
    park(until, reason, ApiErrorKind.QUOTA_EXHAUSTED);
  }

  /** Parks until {@code until}; a parking already in force that ends later is kept. */
  public void park(Instant until, String reason, ApiErrorKind kind) {
    parked.accumulateAndGet(
        new Parked(until, reason, kind),
        (old, fresh) -> old != null && old.until().isAfter(fresh.until()) ? old : fresh);
    ledger.park(bucket, until);
  }

  /**
   * Lifts the parking early in this process, e.g. after the user fixed billing; parkings other
   * processes recorded before now are ignored too.
   */
  public void unpark() {
    parked.set(null);
    ignoreSharedUntil.set(ledger.parkedUntil(bucket, clock.instant()).orElse(Instant.MIN));
  }

  /** The parking in force now, here or recorded by another process, if any. */
  public Optional<Parked> current() {
    Instant now = clock.instant();
    Parked local = parked.get();
    if (local != null && now.isBefore(local.until())) {
      return Optional.of(local);
    }
    return ledger
        .parkedUntil(bucket, now)
        .filter(until -> until.isAfter(ignoreSharedUntil.get()))
        .map(until -> new Parked(until, "parked by another console or worker"));
  }
}
