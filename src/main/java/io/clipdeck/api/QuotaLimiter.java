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
  private final QuotaCost cost;

  public QuotaLimiter(
      String bucket,
      List<QuotaWindow> windows,
      QuotaLedger ledger,
      Clock clock,
      Sleeper sleeper,
      Duration maxWait) {
    this(bucket, windows, QuotaCost.ONE_PER_CALL, ledger, clock, sleeper, maxWait);
  }

  public QuotaLimiter(
      String bucket,
      List<QuotaWindow> windows,
      QuotaCost cost,
      QuotaLedger ledger,
      Clock clock,
      Sleeper sleeper,
      Duration maxWait) {
    this.cost = Objects.requireNonNull(cost, "cost");
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
    return acquire("");
  }

  /**
   * Takes what a request of {@code operation} costs from every window, waiting for the full ones to
   * roll over.
   *
   * @return whether the call had to wait
   * @throws LimitWaitTooLongException when the wait would pass {@code maxWait}
   */
  public boolean acquire(String operation) throws InterruptedException, LimitWaitTooLongException {
    List<QuotaLedger.Spend> spends = spends(operation);
    Instant began = clock.instant();
    boolean waited = false;
    while (true) {
      Instant now = clock.instant();
      if (spends.isEmpty() || ledger.trySpend(bucket, spends, now)) {
        return waited;
      }
      Instant reopens = nextReopening(spends, now);
      if (Duration.between(began, reopens).compareTo(maxWait) > 0) {
        throw new LimitWaitTooLongException(
            Duration.between(now, reopens), reopens, fullWindows(spends, now));
      }
      waited = true;
      sleeper.sleepUntil(reopens);
    }
  }

  private List<QuotaWindow> fullWindows(List<QuotaLedger.Spend> spends, Instant now) {
    return spends.stream()
        .filter(
            spend ->
                ledger.spent(bucket, spend.window(), now) + spend.units() > spend.window().limit())
        .map(QuotaLedger.Spend::window)
        .toList();
  }

  private List<QuotaLedger.Spend> spends(String operation) {
    List<QuotaLedger.Spend> spends = new java.util.ArrayList<>();
    for (QuotaWindow window : windows) {
      long units = cost.units(window, operation);
      if (units > 0) {
        spends.add(new QuotaLedger.Spend(window, units));
      }
    }
    return List.copyOf(spends);
  }

  /**
   * When the request can go: the latest end among the windows without room for it now (each of them
   * must have rolled over).
   */
  private Instant nextReopening(List<QuotaLedger.Spend> spends, Instant now) {
    Instant latest = null;
    for (QuotaLedger.Spend spend : spends) {
      QuotaWindow window = spend.window();
      if (ledger.spent(bucket, window, now) + spend.units() > window.limit()) {
        Instant end = window.endOf(now);
        latest = latest == null || end.isAfter(latest) ? end : latest;
      }
    }
    // None looks full: another process took the last call between tryRecord and these reads and
    // its window has rolled over since. Retry at the shortest window's end rather than spin.
    return latest != null ? latest : spends.getFirst().window().endOf(now);
  }

  /** Each window's use in the ledger now: spent, left, and when it resets. */
  public List<WindowState> states() {
    Instant now = clock.instant();
    return windows.stream()
        .map(
            window -> {
              long used = ledger.spent(bucket, window, now);
              return new WindowState(
                  window, used, Math.max(0, window.limit() - used), window.endOf(now));
            })
        .toList();
  }

  public List<QuotaWindow> windows() {
    return windows;
  }

  /** The limiter would have had to wait longer than the client allows. */
  public static final class LimitWaitTooLongException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Duration wait;
    private final Instant reopens;
    private final transient List<QuotaWindow> full;

    LimitWaitTooLongException(Duration wait, Instant reopens, List<QuotaWindow> full) {
      super("the rate limit " + full + " reopens in " + wait);
      this.wait = wait;
      this.reopens = reopens;
      this.full = List.copyOf(full);
    }

    /** The windows without room for the request. */
    public List<QuotaWindow> full() {
      return full;
    }

    /** Whether a per-day budget is spent (rather than a per-minute or per-hour rate). */
    public boolean dailyBudgetSpent() {
      return full.stream().anyMatch(window -> window.calendarZone().isPresent());
    }

    public Duration remaining() {
      return wait;
    }

    public Instant reopens() {
      return reopens;
    }
  }
}
