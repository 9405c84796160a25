package io.clipdeck.enrich;

import io.clipdeck.api.Provider;
import java.time.Instant;
import java.util.Optional;

/**
 * One provider's lane as the runner sees it at a moment: its calls in flight and why it waits.
 *
 * @param breakerState the client's circuit breaker: CLOSED, OPEN, HALF_OPEN
 * @param waitingUntil when the runner sends this provider's tasks again, if it stopped them
 * @param waitingReason why it stopped them (parked for quota, breaker open, rate limited)
 * @param inFlight calls running now
 * @param requests requests sent since the client started (each retry counts)
 * @param limiterWaits calls that had to wait for the client's rate limit
 */
public record ProviderLane(
    Provider provider,
    String breakerState,
    Optional<Instant> waitingUntil,
    String waitingReason,
    int inFlight,
    int maxInFlight,
    long requests,
    long limiterWaits,
    long errors) {

  /** A line for people: "OpenAI: 3/8 in flight, breaker CLOSED". */
  public String describe() {
    StringBuilder text =
        new StringBuilder(provider.displayName())
            .append(": ")
            .append(inFlight)
            .append('/')
            .append(maxInFlight)
            .append(" in flight, breaker ")
            .append(breakerState);
    waitingUntil.ifPresent(
        until ->
            text.append(", waiting until ")
                .append(until)
                .append(" (")
                .append(waitingReason)
                .append(')'));
    return text.toString();
  }
}
