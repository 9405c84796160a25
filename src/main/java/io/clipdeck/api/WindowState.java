package io.clipdeck.api;

import java.time.Instant;

/**
 * One limit window as it stands: what is spent of it in the ledger (by every process using the key)
 * and what is left until it resets. For YouTube's {@code units/day} window this is the quota left
 * today, in units.
 */
public record WindowState(QuotaWindow window, long used, long left, Instant resets) {}
