package io.clipdeck.api;

import java.time.Duration;
import java.util.Map;

/**
 * A provider's figures at one moment. Counters run since the client started; the latencies are over
 * the last {@value ProviderMetrics#LATENCY_SAMPLES} requests that reached the network.
 *
 * @param calls calls made by callers (a retried call counts once)
 * @param requests requests that went out (each attempt counts)
 * @param errors calls that failed for good, by kind
 * @param limiterWaits calls that had to wait for the rate limit
 * @param breakerState CLOSED, OPEN, HALF_OPEN, ...
 */
public record MetricsSnapshot(
    Provider provider,
    long calls,
    long requests,
    Map<ApiErrorKind, Long> errors,
    long retries,
    long cacheHits,
    long cacheMisses,
    long limiterWaits,
    Duration latencyAverage,
    Duration latencyP95,
    String breakerState) {

  public MetricsSnapshot {
    errors = Map.copyOf(errors);
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}
