package io.clipdeck.api.clients;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.BreakerTransition;
import io.clipdeck.api.MetricsSnapshot;
import io.clipdeck.api.ProviderStatus;
import io.clipdeck.api.WindowState;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link ProviderReport} in words, figure by figure: the console's grid and {@code clipdeck
 * providers status} print these same lines, so the two never disagree.
 */
public final class ProviderFigures {

  /** One labelled figure, e.g. "Latency" and "p50 12 ms · p95 40 ms". */
  public record Figure(String label, String value) {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /** A parking may last until tomorrow (YouTube's quota resets at Pacific midnight). */
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private ProviderFigures() {}

  /** The figures of one provider, in the order the console shows them; times in {@code zone}. */
  public static List<Figure> of(ProviderReport report, ZoneId zone) {
    ProviderStatus status = report.status();
    MetricsSnapshot metrics = status.metrics();
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("Breaker", status.breakerState()));
    figures.add(new Figure("Transitions", transitions(status.transitions(), zone)));
    figures.add(new Figure("Limits", windows(status.windows())));
    figures.add(
        new Figure(
            "Parked until",
            status
                .parked()
                .map(
                    parked ->
                        DAY_AND_TIME.format(parked.until().atZone(zone))
                            + " ("
                            + parked.reason()
                            + ")")
                .orElse("not parked")));
    figures.add(
        new Figure(
            "Requests",
            String.format(
                Locale.ROOT,
                "%d sent for %d call%s · %d succeeded (%d after a retry) · %d retried · %d"
                    + " rate-limited",
                metrics.requests(),
                metrics.calls(),
                metrics.calls() == 1 ? "" : "s",
                metrics.successes(),
                metrics.retriedSuccesses(),
                metrics.retries(),
                metrics.rateLimited())));
    figures.add(new Figure("Failed", failed(metrics)));
    figures.add(
        new Figure(
            "Cache",
            String.format(
                Locale.ROOT,
                "%.0f %% hits (%d of %d lookup%s)",
                metrics.cacheHitRate() * 100,
                metrics.cacheHits(),
                metrics.cacheHits() + metrics.cacheMisses(),
                metrics.cacheHits() + metrics.cacheMisses() == 1 ? "" : "s")));
    figures.add(
        new Figure(
            "Latency",
            "p50 " + millis(metrics.latencyP50()) + " · p95 " + millis(metrics.latencyP95())));
    figures.add(
        new Figure(
            "Cost",
            String.format(
                Locale.ROOT,
                "%d input + %d output tokens · %d characters · %d images",
                metrics.spend().inputTokens(),
                metrics.spend().outputTokens(),
                metrics.spend().characters(),
                metrics.spend().images())));
    figures.add(
        new Figure(
            "Estimated price",
            price(report.estimatedPrice())
                + (report.model().isEmpty() ? "" : " at the prices of " + report.model())));
    return figures;
  }

  /**
   * "$12.40", "$0.0123", "$0.000042": a single chat costs a fraction of a cent, so small sums keep
   * enough decimals to show it.
   */
  public static String price(double dollars) {
    String format = dollars >= 1 ? "$%.2f" : dollars >= 0.01 ? "$%.4f" : "$%.6f";
    return String.format(Locale.ROOT, format, dollars);
  }

  /** "per minute", "units/day", ...: a limit window's name. */
  public static String windowName(WindowState window) {
    String name = window.window().name();
    if (!name.isEmpty()) {
      return name;
    }
    Duration length = window.window().length();
    if (length.equals(Duration.ofSeconds(1))) {
      return "per second";
    }
    if (length.equals(Duration.ofMinutes(1))) {
      return "per minute";
    }
    if (length.equals(Duration.ofHours(1))) {
      return "per hour";
    }
    if (length.equals(Duration.ofDays(1))) {
      return "per day";
    }
    return "per " + length.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** Failed calls by kind, e.g. "server_error 2, timeout 1", or "none". */
  public static String failed(MetricsSnapshot metrics) {
    List<String> parts = new ArrayList<>();
    metrics.errors().entrySet().stream()
        .filter(entry -> entry.getValue() > 0)
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> parts.add(kind(entry.getKey()) + " " + entry.getValue()));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** The kind as the JSON and the console name it: "server_error". */
  public static String kind(ApiErrorKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static String windows(List<WindowState> windows) {
    if (windows.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (WindowState window : windows) {
      parts.add(window.left() + " of " + window.window().limit() + " left " + windowName(window));
    }
    return String.join(" · ", parts);
  }

  private static String transitions(List<BreakerTransition> transitions, ZoneId zone) {
    if (transitions.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (BreakerTransition transition : transitions) {
      parts.add(time(transition.at(), zone) + " " + transition.from() + "→" + transition.to());
    }
    return String.join(", ", parts);
  }

  private static String time(java.time.Instant at, ZoneId zone) {
    return TIME.format(at.atZone(zone));
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
