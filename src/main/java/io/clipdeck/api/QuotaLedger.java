package io.clipdeck.api;

import java.time.Instant;
import java.util.List;

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
  boolean tryRecord(String bucket, List<QuotaWindow> windows, Instant now);

  /** Calls counted in the window of {@code window} that contains {@code now}. */
  long spent(String bucket, QuotaWindow window, Instant now);

  /** The row key of one window of a bucket: the window length keeps minute and hour rows apart. */
  static String rowKey(String bucket, QuotaWindow window) {
    return bucket + "/" + window.length();
  }
}
