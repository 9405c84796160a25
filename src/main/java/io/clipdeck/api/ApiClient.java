package io.clipdeck.api;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One provider's shared client: response cache, parking, circuit breaker, rate limit, HTTP, retry
 * with backoff, metrics, in that order for every call. Thread-safe; calls block, so run them on
 * virtual threads.
 *
 * <p>Each attempt passes the breaker and the limiter again, because every request spends quota
 * (YouTube charges failed calls too) and an open breaker must stop retries as well.
 */
public final class ApiClient implements AutoCloseable {

  private final ApiClientConfig config;
  private final Provider provider;
  private final ErrorClassifier classifier;
  private final HttpTransport transport;
  private final QuotaLimiter limiter;
  private final Parking parking;
  private final ResponseCache cache;
  private final CircuitBreaker breaker;
  private final ProviderMetrics metrics;
  private final SpendMeter meter;
  private final List<Consumer<BreakerTransition>> transitionListeners =
      new CopyOnWriteArrayList<>();

  /** The newest breaker transitions, oldest first, for the console's timeline. */
  private final java.util.Deque<BreakerTransition> transitions = new java.util.ArrayDeque<>();

  /** How many transitions {@link #status()} keeps: enough for an afternoon of flapping. */
  static final int TRANSITIONS_KEPT = 20;

  public ApiClient(
      ApiClientConfig config,
      ErrorClassifier classifier,
      QuotaLedger ledger,
      SharedCache sharedCache) {
    this(config, classifier, ledger, sharedCache, SpendMeter.NONE);
  }

  /**
   * @param meter reads what each 2xx answer cost (tokens, characters, images), for the metrics and
   *     for the failures of calls whose answer was then rejected
   */
  public ApiClient(
      ApiClientConfig config,
      ErrorClassifier classifier,
      QuotaLedger ledger,
      SharedCache sharedCache,
      SpendMeter meter) {
    this.config = config;
    this.meter = meter;
    this.provider = config.provider();
    this.classifier = classifier;
    this.transport = new HttpTransport(config);
    this.limiter =
        new QuotaLimiter(
            limiterBucket(config),
            config.limits(),
            config.quotaCost(),
            ledger,
            config.clock(),
            config.sleeper(),
            config.maxLimiterWait());
    this.parking = new Parking(config.clock(), ledger, limiterBucket(config));
    this.cache =
        new ResponseCache(config.cacheTtl(), config.cacheMaxEntries(), sharedCache, config.clock());
    this.breaker = CircuitBreaker.of(provider.id(), breakerConfig(config));
    this.metrics = new ProviderMetrics(provider, () -> breaker.getState().name());
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              BreakerTransition transition =
                  new BreakerTransition(
                      provider,
                      event.getStateTransition().getFromState().name(),
                      event.getStateTransition().getToState().name(),
                      config.clock().instant());
              remember(transition);
              transitionListeners.forEach(listener -> listener.accept(transition));
            });
  }

  private void remember(BreakerTransition transition) {
    synchronized (transitions) {
      transitions.addLast(transition);
      if (transitions.size() > TRANSITIONS_KEPT) {
        transitions.removeFirst();
      }
    }
  }

  /** The breaker's last {@value #TRANSITIONS_KEPT} state changes, oldest first. */
  public List<BreakerTransition> transitions() {
    synchronized (transitions) {
      return List.copyOf(transitions);
    }
  }

  /**
   * Empties this process's cache of answers; returns how many were dropped. The shared level
   * (Redis) is left to expire, since other consoles and workers read it too.
   */
  public long clearCache() {
    return cache.clearLocal();
  }

  /** Limits and parkings belong to the key: provider and key id, never the key itself. */
  private static String limiterBucket(ApiClientConfig config) {
    return config.provider().id() + "/" + config.keyId();
  }

  private static CircuitBreakerConfig breakerConfig(ApiClientConfig config) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(config.breakerWindow())
        // Judge as soon as `failures` requests are in: that many failures in a row opens it.
        .minimumNumberOfCalls(config.breakerFailureThreshold())
        .failureRateThreshold(100f * config.breakerFailureThreshold() / config.breakerWindow())
        .waitDurationInOpenState(config.breakerOpenWait())
        .permittedNumberOfCallsInHalfOpenState(config.breakerHalfOpenCalls())
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .recordException(thrown -> thrown instanceof ApiException api && api.kind().tripsBreaker())
        .clock(config.clock())
        .build();
  }

  /**
   * Makes one call, retrying what the provider says is retryable.
   *
   * @throws ApiException when the call fails for good; its kind says why
   * @throws CancellationException when the thread is interrupted while waiting
   */
  public <T> T call(ApiRequest request, ResponseDecoder<T> decoder, CallOptions options) {
    metrics.call();
    String cacheKey = request.cacheKey(provider);
    if (options.useCache()) {
      Optional<T> cached = fromCache(cacheKey, decoder);
      if (cached.isPresent()) {
        metrics.cacheHit();
        return cached.get();
      }
      metrics.cacheMiss();
    }
    int maxAttempts = options.maxAttempts() > 0 ? options.maxAttempts() : config.maxAttempts();
    if (options.paid()) {
      // A paid call's cap lowers the client's setting, never raises it.
      maxAttempts = Math.min(maxAttempts, config.maxAttempts());
    }
    Spend spent = Spend.NONE;
    for (int attempt = 1; ; attempt++) {
      Attempt<T> result = attemptOnce(request, decoder, attempt - 1, options, spent);
      if (result instanceof Attempt.Success<T> success) {
        if (options.useCache()) {
          cache.put(cacheKey, success.response());
        }
        metrics.success(attempt > 1);
        return success.value();
      }
      Attempt.Failed<T> failed = (Attempt.Failed<T>) result;
      spent = spent.plus(failed.spent());
      waitBeforeRetry(failed, attempt, maxAttempts, spent);
      metrics.retry();
    }
  }

  private <T> Optional<T> fromCache(String cacheKey, ResponseDecoder<T> decoder) {
    Optional<ResponseCache.Hit> hit = cache.get(cacheKey);
    if (hit.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decoder.decode(hit.get().response()));
    } catch (MalformedResponseException staleShape) {
      // A shared entry written by another version: ask the provider instead.
      return Optional.empty();
    }
  }

  /**
   * Throws unless the failure is worth another request; otherwise sleeps the right time, which is
   * never longer than {@link ApiClientConfig#maxRetryAfter()}: a longer wait parks the provider and
   * fails the call with the time to come back, so no thread sleeps through it.
   */
  private void waitBeforeRetry(
      Attempt.Failed<?> failed, int attempt, int maxAttempts, Spend spent) {
    ApiFailure failure = failed.failure();
    if (failure.parkUntil().isPresent()) {
      Instant until = failure.parkUntil().get();
      parking.park(until, failure.reason(), ApiErrorKind.QUOTA_EXHAUSTED);
      throw failed(failure, attempt, "Parked until " + until, spent, until);
    }
    if (!failure.retryable()) {
      throw failed(failure, attempt, failed.detail(), spent, null);
    }
    Optional<Duration> asked = failure.retryAfter();
    if (asked.isPresent() && asked.get().compareTo(config.maxRetryAfter()) > 0) {
      // Too long to hold a thread: everyone using this key waits it out, without a request.
      Instant until = config.clock().instant().plus(asked.get());
      parking.park(until, failure.reason() + " (Retry-After " + asked.get() + ")", failure.kind());
      throw failed(
          failure,
          attempt,
          "The provider asked to wait "
              + asked.get()
              + ", longer than the "
              + config.maxRetryAfter()
              + " waited in place; parked until "
              + until,
          spent,
          until);
    }
    // A rate-limited request was refused before any work, so it was not billed: the lower cap of
    // paid calls does not apply to it.
    int cap =
        failure.kind() == ApiErrorKind.RATE_LIMITED
            ? Math.max(maxAttempts, config.maxAttempts())
            : maxAttempts;
    if (attempt >= cap) {
      throw failed(
          failure, attempt, "Gave up after the maximum of " + cap + " attempts", spent, null);
    }
    Duration wait = config.backoff().delay(attempt);
    if (asked.isPresent() && asked.get().compareTo(wait) > 0) {
      wait = asked.get();
    }
    try {
      config.sleeper().sleepUntil(config.clock().instant().plus(wait));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while backing off from " + provider);
    }
  }

  private ApiException failed(
      ApiFailure failure, int attempts, String detail, Spend spent, Instant retryAt) {
    metrics.error(failure.kind());
    return new ApiException(
        provider,
        failure.kind(),
        failure.status(),
        failure.reason(),
        attempts,
        detail,
        null,
        spent,
        retryAt);
  }

  private <T> Attempt<T> attemptOnce(
      ApiRequest request, ResponseDecoder<T> decoder, int sent, CallOptions options, Spend spent) {
    Optional<Parking.Parked> parked = parking.current();
    if (parked.isPresent()) {
      ApiErrorKind kind = parked.get().kind();
      metrics.error(kind);
      throw new ApiException(
          provider,
          kind,
          0,
          parked.get().reason(),
          sent,
          "Parked until " + parked.get().until() + "; no request was sent",
          null,
          spent,
          parked.get().until());
    }
    if (!breaker.tryAcquirePermission()) {
      metrics.error(ApiErrorKind.CIRCUIT_OPEN);
      throw new ApiException(
          provider,
          ApiErrorKind.CIRCUIT_OPEN,
          0,
          "breaker " + breaker.getState().name(),
          sent,
          "No request was sent; the breaker lets trial calls through "
              + config.breakerOpenWait()
              + " after it opened",
          null,
          spent,
          config.clock().instant().plus(config.breakerOpenWait()));
    }
    acquireLimit(request.operation(), sent, spent);
    long started = System.nanoTime();
    Attempt<T> result;
    try {
      result = exchange(request, decoder, options);
    } catch (RuntimeException notAnAnswer) {
      // A bug or an interrupt, not the provider's doing: give the breaker its permit back.
      breaker.releasePermission();
      throw notAnAnswer;
    }
    long nanos = System.nanoTime() - started;
    metrics.request(nanos);
    if (result instanceof Attempt.Failed<T> failed
        && failed.failure().kind() == ApiErrorKind.RATE_LIMITED) {
      metrics.rateLimited();
    }
    if (result instanceof Attempt.Failed<T> failed && failed.failure().kind().tripsBreaker()) {
      breaker.onError(
          nanos, TimeUnit.NANOSECONDS, new ApiException(provider, failed.failure(), 1, ""));
    } else {
      // An answered 4xx (quota, auth, bad request) comes from a healthy provider.
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
    return result;
  }

  private void acquireLimit(String operation, int sent, Spend spent) {
    try {
      if (limiter.acquire(operation)) {
        metrics.limiterWait();
      }
    } catch (QuotaLimiter.LimitWaitTooLongException e) {
      breaker.releasePermission();
      // A spent daily budget is a quota stop until the day's reset, not a rate to wait out.
      ApiErrorKind kind =
          e.dailyBudgetSpent() ? ApiErrorKind.QUOTA_EXHAUSTED : ApiErrorKind.RATE_LIMITED;
      metrics.error(kind);
      throw new ApiException(
          provider,
          kind,
          0,
          "client limit " + e.full(),
          sent,
          e.dailyBudgetSpent()
              ? "The day's budget " + e.full() + " is spent; it resets at " + e.reopens()
              : "The shared limit reopens in " + e.remaining() + ", beyond the allowed wait",
          null,
          spent,
          e.reopens());
    } catch (InterruptedException e) {
      breaker.releasePermission();
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the " + provider + " limit");
    }
  }

  private <T> Attempt<T> exchange(
      ApiRequest request, ResponseDecoder<T> decoder, CallOptions options) {
    ApiResponse response;
    try {
      response = transport.send(request);
    } catch (HttpTimeoutException e) {
      return new Attempt.Failed<>(ApiFailure.retry(ApiErrorKind.TIMEOUT, 0, "timeout"));
    } catch (HttpTransport.OversizedBodyException e) {
      return new Attempt.Failed<>(
          ApiFailure.fail(ApiErrorKind.MALFORMED_RESPONSE, 0, "oversized body"));
    } catch (IOException e) {
      // The exception's message may quote the URL, and YouTube's URL carries the key: keep only
      // its type.
      return new Attempt.Failed<>(
          ApiFailure.retry(ApiErrorKind.NETWORK, 0, e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted during a " + provider + " request");
    }
    if (response.status() / 100 != 2) {
      return new Attempt.Failed<>(classifier.classify(response, config.clock().instant()));
    }
    Spend spent = meter.measure(request, response);
    metrics.spent(spent);
    try {
      return new Attempt.Success<>(decoder.decode(response), response);
    } catch (MalformedResponseException e) {
      // Only an unreadable body of a free read may be the network's doing. An answer that was read
      // but does not fit would come again the same, and a paid one has been billed: never resent.
      boolean retryable = e.kind() == ApiErrorKind.MALFORMED_RESPONSE && !options.paid();
      return new Attempt.Failed<>(
          new ApiFailure(
              e.kind(),
              response.status(),
              e.reason(),
              retryable,
              Optional.empty(),
              Optional.empty()),
          e.getMessage(),
          spent);
    }
  }

  /** Publishes every breaker state change, e.g. to the dashboard or a log. */
  public void onBreakerTransition(Consumer<BreakerTransition> listener) {
    transitionListeners.add(listener);
  }

  public MetricsSnapshot metrics() {
    return metrics.snapshot();
  }

  /** Breaker, limit windows, parking and counters as they stand now (reads the ledger). */
  public ProviderStatus status() {
    return new ProviderStatus(
        provider,
        breaker.getState().name(),
        transitions(),
        limiter.states(),
        parking.current(),
        metrics());
  }

  public String breakerState() {
    return breaker.getState().name();
  }

  /** The parking in force, if a quota signal stopped this provider. */
  public Optional<Parking.Parked> parked() {
    return parking.current();
  }

  /** Lets calls go out again before the reset, e.g. after billing was fixed. */
  public void unpark() {
    parking.unpark();
  }

  public ApiClientConfig config() {
    return config;
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "ApiClient[" + config + ", breaker " + breaker.getState() + "]";
  }

  /** The result of one request. */
  private sealed interface Attempt<T> {
    record Success<T>(T value, ApiResponse response) implements Attempt<T> {}

    /**
     * @param detail what the decoder found wrong, in our own words (never the provider's text)
     * @param spent what the answer cost, when one arrived
     */
    record Failed<T>(ApiFailure failure, String detail, Spend spent) implements Attempt<T> {

      Failed(ApiFailure failure) {
        this(failure, "", Spend.NONE);
      }
    }
  }
}
