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
 * @param retries requests sent again after a failed one
 * @param successes calls that ended with an answer from the network (cache hits not included)
 * @param retriedSuccesses of those, the ones that needed more than one request
 * @param rateLimited requests the provider answered with a rate limit (429, or YouTube's 403s)
 * @param limiterWaits calls that had to wait for the client's own rate limit
 * @param spend what the answers cost, rejected ones included
 * @param breakerState CLOSED, OPEN, HALF_OPEN, ...
 */
public record MetricsSnapshot(
    Provider provider,
    long calls,
    long requests,
    Map<ApiErrorKind, Long> errors,
    long retries,
    long successes,
    long retriedSuccesses,
    long rateLimited,
    long cacheHits,
    long cacheMisses,
    long limiterWaits,
    Duration latencyAverage,
    Duration latencyP50,
    Duration latencyP95,
    Spend spend,
    String breakerState) {

  public MetricsSnapshot {
    errors = Map.copyOf(errors);
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Cache hits among the calls that could use the cache, 0 to 1; 0 when none could. */
  public double cacheHitRate() {
    long lookups = cacheHits + cacheMisses;
    return lookups == 0 ? 0 : (double) cacheHits / lookups;
  }
}
