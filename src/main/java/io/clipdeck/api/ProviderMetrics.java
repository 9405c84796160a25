package io.clipdeck.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Counters and a latency window for one provider; cheap to update from many threads. */
public final class ProviderMetrics {

  static final int LATENCY_SAMPLES = 1024;

  private final Provider provider;
  private final Supplier<String> breakerState;
  private final LongAdder calls = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();
  private final LongAdder limiterWaits = new LongAdder();
  private final LongAdder successes = new LongAdder();
  private final LongAdder retriedSuccesses = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder inputTokens = new LongAdder();
  private final LongAdder outputTokens = new LongAdder();
  private final LongAdder characters = new LongAdder();
  private final LongAdder images = new LongAdder();
  private final Map<ApiErrorKind, LongAdder> errors = new EnumMap<>(ApiErrorKind.class);
  private final ReentrantLock latencyLock = new ReentrantLock();
  private final long[] latencyNanos = new long[LATENCY_SAMPLES];
  private long latencyCount;

  public ProviderMetrics(Provider provider, Supplier<String> breakerState) {
    this.provider = provider;
    this.breakerState = breakerState;
    for (ApiErrorKind kind : ApiErrorKind.values()) {
      errors.put(kind, new LongAdder());
    }
  }

  void call() {
    calls.increment();
  }

  void request(long nanos) {
    requests.increment();
    latencyLock.lock();
    try {
      latencyNanos[(int) (latencyCount++ % LATENCY_SAMPLES)] = nanos;
    } finally {
      latencyLock.unlock();
    }
  }

  void success(boolean retried) {
    successes.increment();
    if (retried) {
      retriedSuccesses.increment();
    }
  }

  void rateLimited() {
    rateLimited.increment();
  }

  void spent(Spend spend) {
    inputTokens.add(spend.inputTokens());
    outputTokens.add(spend.outputTokens());
    characters.add(spend.characters());
    images.add(spend.images());
  }

  void retry() {
    retries.increment();
  }

  void cacheHit() {
    cacheHits.increment();
  }

  void cacheMiss() {
    cacheMisses.increment();
  }

  void limiterWait() {
    limiterWaits.increment();
  }

  void error(ApiErrorKind kind) {
    errors.get(kind).increment();
  }

  public MetricsSnapshot snapshot() {
    long[] samples;
    latencyLock.lock();
    try {
      samples = Arrays.copyOf(latencyNanos, (int) Math.min(latencyCount, LATENCY_SAMPLES));
    } finally {
      latencyLock.unlock();
    }
    Arrays.sort(samples);
    Duration average =
        samples.length == 0
            ? Duration.ZERO
            : Duration.ofNanos((long) Arrays.stream(samples).average().orElse(0));
    Duration p50 = percentile(samples, 0.50);
    Duration p95 = percentile(samples, 0.95);
    Map<ApiErrorKind, Long> errorCounts = new EnumMap<>(ApiErrorKind.class);
    errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
    return new MetricsSnapshot(
        provider,
        calls.sum(),
        requests.sum(),
        errorCounts,
        retries.sum(),
        successes.sum(),
        retriedSuccesses.sum(),
        rateLimited.sum(),
        cacheHits.sum(),
        cacheMisses.sum(),
        limiterWaits.sum(),
        average,
        p50,
        p95,
        new Spend(inputTokens.sum(), outputTokens.sum(), characters.sum(), images.sum()),
        breakerState.get());
  }

  /** The nearest-rank percentile of sorted samples. */
  private static Duration percentile(long[] sorted, double rank) {
    return sorted.length == 0
        ? Duration.ZERO
        : Duration.ofNanos(sorted[(int) Math.ceil(sorted.length * rank) - 1]);
  }
}
