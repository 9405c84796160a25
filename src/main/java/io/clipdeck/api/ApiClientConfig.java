package io.clipdeck.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything one provider's client needs, validated up front by {@link Builder#build()} with
 * messages that say what to change. The key is a source, not a value: it is read per request and
 * never kept, printed or put in {@link #toString()}.
 */
public final class ApiClientConfig {

  private final Provider provider;
  private final URI baseUri;
  private final Authentication authentication;
  private final Supplier<Optional<char[]>> keySource;
  private final String keyId;

  /** Open requests per client unless set: more than the runner sends to one provider at once. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  private final Duration connectTimeout;
  private final int maxConnections;
  private final Duration requestTimeout;
  private final List<QuotaWindow> limits;
  private final QuotaCost quotaCost;
  private final Duration maxLimiterWait;
  private final int maxAttempts;
  private final BackoffPolicy backoff;
  private final Duration maxRetryAfter;
  private final int breakerFailureThreshold;
  private final int breakerWindow;
  private final Duration breakerOpenWait;
  private final int breakerHalfOpenCalls;
  private final Duration cacheTtl;
  private final long cacheMaxEntries;
  private final int maxResponseBytes;
  private final Duration defaultPark;
  private final Clock clock;
  private final Sleeper sleeper;

  private ApiClientConfig(Builder b) {
    this.provider = b.provider;
    this.baseUri = b.baseUri;
    this.authentication = b.authentication;
    this.keySource = b.keySource;
    this.keyId = b.keyId;
    this.connectTimeout = b.connectTimeout;
    this.maxConnections = b.maxConnections;
    this.requestTimeout = b.requestTimeout;
    this.limits = List.copyOf(b.limits);
    this.quotaCost = b.quotaCost;
    this.maxLimiterWait = b.maxLimiterWait;
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.breakerFailureThreshold = b.breakerFailureThreshold;
    this.breakerWindow = b.breakerWindow;
    this.breakerOpenWait = b.breakerOpenWait;
    this.breakerHalfOpenCalls = b.breakerHalfOpenCalls;
    this.cacheTtl = b.cacheTtl;
    this.cacheMaxEntries = b.cacheMaxEntries;
    this.maxResponseBytes = b.maxResponseBytes;
    this.defaultPark = b.defaultPark;
    this.clock = b.clock;
    this.sleeper = b.sleeper != null ? b.sleeper : Sleeper.of(b.clock);
  }

  /** Defaults that suit {@code provider}'s public API; the base URL is required. */
  public static Builder custom(Provider provider) {
    return new Builder(provider);
  }

  public Provider provider() {
    return provider;
  }

  public URI baseUri() {
    return baseUri;
  }

  public Authentication authentication() {
    return authentication;
  }

  Supplier<Optional<char[]>> keySource() {
    return keySource;
  }

  /**
   * Names the key, not its value (e.g. the vault reference {@code api/openai/key}): the quota
   * ledger counts per provider and key id, so everyone using one key shares its limits.
   */
  public String keyId() {
    return keyId;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Requests this client has open at once, at most: each one holds a connection (HTTP/1.1). */
  public int maxConnections() {
    return maxConnections;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public List<QuotaWindow> limits() {
    return limits;
  }

  /** What each request spends of each limit window: one call unless the provider counts units. */
  public QuotaCost quotaCost() {
    return quotaCost;
  }

  public Duration maxLimiterWait() {
    return maxLimiterWait;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public BackoffPolicy backoff() {
    return backoff;
  }

  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  public int breakerFailureThreshold() {
    return breakerFailureThreshold;
  }

  public int breakerWindow() {
    return breakerWindow;
  }

  public Duration breakerOpenWait() {
    return breakerOpenWait;
  }

  public int breakerHalfOpenCalls() {
    return breakerHalfOpenCalls;
  }

  public Duration cacheTtl() {
    return cacheTtl;
  }

  public long cacheMaxEntries() {
    return cacheMaxEntries;
  }

  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /** How long a quota signal parks the provider when the provider does not say when it resets. */
  public Duration defaultPark() {
    return defaultPark;
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return provider.displayName()
        + " at "
        + baseUri
        + " (key "
        + keyId
        + ", limits "
        + limits
        + ", "
        + maxAttempts
        + " attempts)";
  }

  /** A validating builder; every setter has a sensible default except the base URL. */
  public static final class Builder {
    private final Provider provider;
    private URI baseUri;
    private Authentication authentication;
    private Supplier<Optional<char[]>> keySource = ProviderKeys.none();
    private String keyId = "default";
    private Duration connectTimeout = Duration.ofSeconds(5);
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private final List<QuotaWindow> limits = new ArrayList<>();
    private QuotaCost quotaCost = QuotaCost.ONE_PER_CALL;
    private Duration maxLimiterWait = Duration.ofMinutes(2);
    private int maxAttempts = 4;
    private BackoffPolicy backoff = BackoffPolicy.of(Duration.ofMillis(500), Duration.ofSeconds(8));
    private Duration maxRetryAfter = Duration.ofSeconds(10);
    private int breakerFailureThreshold = 5;
    private int breakerWindow = 10;
    private Duration breakerOpenWait = Duration.ofSeconds(30);
    private int breakerHalfOpenCalls = 2;
    private Duration cacheTtl = Duration.ofMinutes(10);
    private long cacheMaxEntries = 10_000;
    private int maxResponseBytes = 16 * 1024 * 1024;
    private Duration defaultPark = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper;

    private Builder(Provider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.authentication =
          switch (provider) {
            case YOUTUBE -> Authentication.QUERY_KEY;
            case OPENAI, STABILITY -> Authentication.BEARER;
            case ELEVENLABS -> Authentication.XI_API_KEY;
          };
      if (provider == Provider.STABILITY) {
        // Generation is synchronous and paid: long answers, few retries (the image may be billed).
        requestTimeout = Duration.ofSeconds(180);
        maxAttempts = 2;
      }
      if (provider == Provider.ELEVENLABS) {
        maxAttempts = 3;
      }
    }

    /** Where the API lives: the public one, an OpenAI-compatible local server, the simulator. */
    public Builder baseUri(URI value) {
      this.baseUri = value;
      return this;
    }

    public Builder baseUri(String value) {
      return baseUri(URI.create(value));
    }

    public Builder authentication(Authentication value) {
      this.authentication = Objects.requireNonNull(value, "authentication");
      return this;
    }

    /** The key source and the id under which its quota is counted (never the key itself). */
    public Builder key(String keyId, Supplier<Optional<char[]>> source) {
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      this.keySource = Objects.requireNonNull(source, "source");
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /**
     * The most requests this client has open at once (1 to 1,000): a further call waits for one to
     * end. Over HTTP/1.1 each open request holds its own connection, so this bounds the client's
     * connections to the provider.
     */
    public Builder maxConnections(int value) {
      this.maxConnections = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    /**
     * At most {@code calls} per second (epoch-aligned, shared through the ledger like the rest).
     */
    public Builder limitPerSecond(long calls) {
      limits.add(new QuotaWindow(Duration.ofSeconds(1), calls));
      return this;
    }

    public Builder limitPerMinute(long calls) {
      limits.add(new QuotaWindow(Duration.ofMinutes(1), calls));
      return this;
    }

    public Builder limitPerHour(long calls) {
      limits.add(new QuotaWindow(Duration.ofHours(1), calls));
      return this;
    }

    public Builder limit(QuotaWindow window) {
      limits.add(window);
      return this;
    }

    /** What a request spends of each window (YouTube counts units per operation). */
    public Builder quotaCost(QuotaCost value) {
      this.quotaCost = Objects.requireNonNull(value, "quotaCost");
      return this;
    }

    /** Longest a call may wait for the rate limit before failing as RATE_LIMITED. */
    public Builder maxLimiterWait(Duration value) {
      this.maxLimiterWait = value;
      return this;
    }

    /** Requests per call, first one included (1 = no retry). */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    public Builder backoff(BackoffPolicy value) {
      this.backoff = value;
      return this;
    }

    /**
     * The longest Retry-After waited in place (the calling thread sleeps through it). A provider
     * asking for longer is parked until then and the call fails at once as RATE_LIMITED, with
     * {@link ApiException#retryAt()} saying when to come back.
     */
    public Builder maxRetryAfter(Duration value) {
      this.maxRetryAfter = value;
      return this;
    }

    /**
     * The breaker opens when {@code failures} of the last {@code window} requests failed for a
     * reason that says the provider is unhealthy; it stays open for {@code openWait}, then lets
     * {@code halfOpenCalls} trial requests through.
     */
    public Builder breaker(int failures, int window, Duration openWait, int halfOpenCalls) {
      this.breakerFailureThreshold = failures;
      this.breakerWindow = window;
      this.breakerOpenWait = openWait;
      this.breakerHalfOpenCalls = halfOpenCalls;
      return this;
    }

    public Builder cache(Duration ttl, long maxEntries) {
      this.cacheTtl = ttl;
      this.cacheMaxEntries = maxEntries;
      return this;
    }

    public Builder maxResponseBytes(int value) {
      this.maxResponseBytes = value;
      return this;
    }

    public Builder defaultPark(Duration value) {
      this.defaultPark = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    public ApiClientConfig build() {
      String who = provider.displayName() + " client: ";
      if (baseUri == null || baseUri.getScheme() == null || baseUri.getHost() == null) {
        throw new IllegalArgumentException(
            who + "set a base URL such as https://api.openai.com/v1, got " + baseUri);
      }
      requirePositive(who, "connect timeout", connectTimeout);
      if (maxConnections < 1 || maxConnections > 1_000) {
        throw new IllegalArgumentException(
            who + "max connections is " + maxConnections + ": use 1 to 1000, e.g. 16");
      }
      requirePositive(who, "request timeout", requestTimeout);
      requirePositive(who, "breaker open wait", breakerOpenWait);
      requirePositive(who, "cache TTL", cacheTtl);
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            who + "max attempts counts the first request, so it is at least 1, not " + maxAttempts);
      }
      if (breakerFailureThreshold < 1 || breakerWindow < breakerFailureThreshold) {
        throw new IllegalArgumentException(
            who
                + "the breaker needs 1 <= failures <= window, got "
                + breakerFailureThreshold
                + " of "
                + breakerWindow);
      }
      if (breakerHalfOpenCalls < 1 || cacheMaxEntries < 0 || maxResponseBytes < 1) {
        throw new IllegalArgumentException(
            who + "half-open calls and response size must be positive, cache size >= 0");
      }
      return new ApiClientConfig(this);
    }

    private static void requirePositive(String who, String what, Duration value) {
      if (value == null || !value.isPositive()) {
        throw new IllegalArgumentException(who + what + " must be positive, got " + value);
      }
    }
  }
}
