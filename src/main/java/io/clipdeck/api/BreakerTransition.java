package io.clipdeck.api;

import java.time.Instant;

/** A circuit breaker changing state, e.g. CLOSED to OPEN after repeated server errors. */
public record BreakerTransition(Provider provider, String from, String to, Instant at) {}
