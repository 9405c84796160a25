package io.clipdeck.api;

import java.util.List;
import java.util.Optional;

/**
 * One provider's resilience figures at a moment, for the console and {@code clipdeck providers
 * status}: breaker, limit windows (permits left, YouTube's units left today), parking, and the
 * client's counters (requests by outcome, cache hit rate, latency, cost). The windows and the
 * parking come from the shared ledger; the counters are this process's since its client started.
 *
 * @param transitions the breaker's last state changes, oldest first
 */
public record ProviderStatus(
    Provider provider,
    String breakerState,
    List<BreakerTransition> transitions,
    List<WindowState> windows,
    Optional<Parking.Parked> parked,
    MetricsSnapshot metrics) {

  public ProviderStatus {
    transitions = List.copyOf(transitions);
    windows = List.copyOf(windows);
  }
}
