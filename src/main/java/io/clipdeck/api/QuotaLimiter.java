package io.clipdeck.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Per-minute and per-hour limits together, spent through a {@link QuotaLedger} so every process
 * using the same key shares them. resilience4j's RateLimiter counts only inside one JVM, which is
 * why the counting lives in the ledger; the waiting is a plain sleep on the calling (virtual)
 * thread, holding no lock.
 */
public final class QuotaLimiter {

  private final String bucket;
  private final List<QuotaWindow> windows;
  private final QuotaLedger ledger;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration maxWait;

  public QuotaLimiter(
      String bucket,
      List<QuotaWindow> windows,
      QuotaLedger ledger,
      Clock clock,
      Sleeper sleeper,
      Duration maxWait) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.windows = List.copyOf(windows);
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  /**
   * Takes one call from every window, waiting for the full ones to roll over.
   *
   * @return whether the call had to wait
   * @throws LimitWaitTooLongException when the wait would pass {@code maxWait}
   */
  public boolean acquire() throws InterruptedException, LimitWaitTooLongException {
    Instant began = clock.instant();
    boolean waited = false;
    while (true) {
      Instant now = clock.instant();
      if (windows.isEmpty() || ledger.tryRecord(bucket, windows, now)) {
        return waited;
      }
      Instant reopens = nextReopening(now);
      if (Duration.between(began, reopens).compareTo(maxWait) > 0) {
        throw new LimitWaitTooLongException(Duration.between(now, reopens));
      }
      waited = true;
      sleeper.sleepUntil(reopens);
    }
  }

  /** The earliest end among the windows that are full now. */
  private Instant nextReopening(Instant now) {
    Instant earliest = null;
    for (QuotaWindow window : windows) {
      if (ledger.spent(bucket, window, now) >= window.limit()) {
        Instant end = window.endOf(now);
        earliest = earliest == null || end.isBefore(earliest) ? end : earliest;
      }
    }
    // None looks full: another process took the last call between tryRecord and these reads and
    // its window has rolled over since. Retry at the shortest window's end rather than spin.
    return earliest != null ? earliest : windows.getFirst().endOf(now);
  }

  public List<QuotaWindow> windows() {
    return windows;
  }

  /** The limiter would have had to wait longer than the client allows. */
  public static final class LimitWaitTooLongException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Duration wait;

    LimitWaitTooLongException(Duration wait) {
      super("the rate limit reopens in " + wait);
      this.wait = wait;
    }

    public Duration remaining() {
      return wait;
    }
  }
}
