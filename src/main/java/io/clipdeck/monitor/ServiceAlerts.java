package io.clipdeck.monitor;

import io.clipdeck.api.BreakerTransition;
import io.clipdeck.api.ProviderStatus;
import io.clipdeck.api.WindowState;
import io.clipdeck.config.AlertSettings;
import io.clipdeck.data.QueryMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The alerts on what Clipdeck itself sends: a provider's error rate over its threshold within the
 * window, its circuit breaker opening, a quota nearly spent, and the error rate of Clipdeck's own
 * statements on a database. Each tick's figures go through the same {@link AlertTracker} as the
 * database alerts, so they are raised once per crossing and kept until acknowledged. Rates are
 * measured from the first tick that saw the counters, so failures before the dashboard started are
 * not counted. Thread-safe.
 */
public final class ServiceAlerts {

  /** Limit windows this long or longer are quotas; shorter ones refill within the minute. */
  static final Duration QUOTA_WINDOW = Duration.ofHours(1);

  private final AlertTracker tracker;
  private final Supplier<AlertSettings> settings;
  private final Map<String, ErrorRateWindow> rates = new HashMap<>();
  private final Map<String, Instant> lastLook = new HashMap<>();

  public ServiceAlerts(AlertTracker tracker, Supplier<AlertSettings> settings) {
    this.tracker = tracker;
    this.settings = settings;
  }

  /** Looks at each provider's status at {@code at}; returns the alerts this tick raised. */
  public synchronized List<Alert> evaluateProviders(List<ProviderStatus> statuses, Instant at) {
    AlertSettings thresholds = settings.get();
    List<Alert> raised = new ArrayList<>();
    for (ProviderStatus status : statuses) {
      String subject = status.provider().displayName();
      Map<AlertRules.Kind, Optional<String>> crossings = new EnumMap<>(AlertRules.Kind.class);
      crossings.put(AlertRules.Kind.PROVIDER_ERROR_RATE, errorRate(status, at, thresholds));
      crossings.put(AlertRules.Kind.BREAKER_OPEN, breakerOpen(status, subject, at));
      crossings.put(AlertRules.Kind.QUOTA_NEARLY_SPENT, quota(status, subject, thresholds));
      raised.addAll(tracker.evaluate(subject, at, crossings));
    }
    return raised;
  }

  /** Looks at one profile's statement figures at {@code at}; returns the alerts raised. */
  public synchronized List<Alert> evaluateQueries(QueryMetrics metrics, Instant at) {
    AlertSettings thresholds = settings.get();
    Optional<ErrorRateWindow.Rate> rate =
        window("queries/" + metrics.profile())
            .add(at, metrics.executed(), metrics.errors(), thresholds.errorWindow());
    Optional<String> crossed =
        rate.filter(r -> r.attempts() >= thresholds.minimumCalls())
            .filter(r -> r.share() >= thresholds.queryErrorRate())
            .map(
                r ->
                    String.format(
                        Locale.ROOT,
                        "%d of Clipdeck's %d statements on %s failed in the last %s (%.0f %%,"
                            + " threshold %.0f %%). The log names each failed statement.",
                        r.failures(),
                        r.attempts(),
                        metrics.profile(),
                        io.clipdeck.config.Durations.words(thresholds.errorWindow()),
                        r.share() * 100,
                        thresholds.queryErrorRate() * 100));
    return tracker.evaluate(
        metrics.profile(), at, Map.of(AlertRules.Kind.QUERY_ERROR_RATE, crossed));
  }

  private Optional<String> errorRate(ProviderStatus status, Instant at, AlertSettings thresholds) {
    Optional<ErrorRateWindow.Rate> rate =
        window("provider/" + status.provider().id())
            .add(
                at,
                status.metrics().calls(),
                status.metrics().errorCount(),
                thresholds.errorWindow());
    return rate.filter(r -> r.attempts() >= thresholds.minimumCalls())
        .filter(r -> r.share() >= thresholds.providerErrorRate())
        .map(
            r ->
                String.format(
                    Locale.ROOT,
                    "%s: %d of %d calls failed in the last %s (%.0f %%, threshold %.0f %%)."
                        + " Enrichment's provider console shows them by kind.",
                    status.provider().displayName(),
                    r.failures(),
                    r.attempts(),
                    io.clipdeck.config.Durations.words(thresholds.errorWindow()),
                    r.share() * 100,
                    thresholds.providerErrorRate() * 100));
  }

  /** Open now, or opened since the last look (a breaker may open and half-open between ticks). */
  private Optional<String> breakerOpen(ProviderStatus status, String subject, Instant at) {
    Instant since = lastLook.getOrDefault(subject, Instant.MIN);
    lastLook.put(subject, at);
    // OPEN and FORCED_OPEN stop calls; HALF_OPEN lets trial calls through.
    boolean openNow =
        status.breakerState().endsWith("OPEN") && !status.breakerState().equals("HALF_OPEN");
    boolean openedSince =
        status.transitions().stream()
            .filter(transition -> transition.to().equals("OPEN"))
            .map(BreakerTransition::at)
            .anyMatch(when -> when.isAfter(since));
    return openNow || openedSince
        ? Optional.of(
            "The circuit breaker of "
                + subject
                + " opened after repeated failures: its calls are suspended until a trial call"
                + " succeeds.")
        : Optional.empty();
  }

  private static Optional<String> quota(
      ProviderStatus status, String subject, AlertSettings thresholds) {
    for (WindowState window : status.windows()) {
      long limit = window.window().limit();
      if (limit > 0
          && window.window().length().compareTo(QUOTA_WINDOW) >= 0
          && window.used() >= Math.ceil(limit * thresholds.quotaNearlySpent())) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "%s has spent %d of its %d %s (threshold %.0f %%); it resets at %s.",
                subject,
                window.used(),
                limit,
                io.clipdeck.api.clients.ProviderFigures.windowName(window),
                thresholds.quotaNearlySpent() * 100,
                window.resets()));
      }
    }
    return Optional.empty();
  }

  private ErrorRateWindow window(String key) {
    return rates.computeIfAbsent(key, ignored -> new ErrorRateWindow());
  }
}
