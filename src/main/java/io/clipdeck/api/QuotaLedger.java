package io.clipdeck.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The calls spent per bucket (provider and key id) and window, kept where every console and worker
 * sharing a key sees them, so a restart does not forget them and two processes do not each spend
 * the whole limit.
 */
public interface QuotaLedger {

  /**
   * Counts one call in every window, but only if none of them is full; atomic against every other
   * user of the same ledger.
   *
   * @return whether the call was counted (and may go out)
   */
  default boolean tryRecord(String bucket, List<QuotaWindow> windows, Instant now) {
    return trySpend(bucket, windows.stream().map(window -> new Spend(window, 1)).toList(), now);
  }

  /**
   * Counts each spend's units in its window, but only if every window has room for them; atomic
   * against every other user of the same ledger.
   *
   * @return whether the units were counted (and the request may go out)
   */
  boolean trySpend(String bucket, List<Spend> spends, Instant now);

  /** {@code units} of {@code window} taken by one request. */
  record Spend(QuotaWindow window, long units) {
    public Spend {
      if (units < 1 || units > window.limit()) {
        throw new IllegalArgumentException(
            "a request spends 1 to " + window.limit() + " units of " + window + ", not " + units);
      }
    }
  }

  /** Units counted in the window of {@code window} that contains {@code now}. */
  long spent(String bucket, QuotaWindow window, Instant now);

  /**
   * Records that the provider stopped this bucket (a quota signal) until {@code until}, so every
   * process sharing the key stops too; the reason stays with the process that saw it.
   */
  void park(String bucket, Instant until);

  /** The latest parking of the bucket still in force at {@code now}, if any. */
  Optional<Instant> parkedUntil(String bucket, Instant now);

  /**
   * The row key of one window of a bucket: the window length keeps minute and hour rows apart, a
   * named window (YouTube's {@code units/day}, {@code search/day}) goes by its name.
   */
  static String rowKey(String bucket, QuotaWindow window) {
    return bucket + "/" + (window.name().isEmpty() ? window.length().toString() : window.name());
  }
}
