package io.clipdeck.cli;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.MetricsSnapshot;
import io.clipdeck.api.ProviderStatus;
import io.clipdeck.api.WindowState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code providers status}: a {@link ProviderStatus} as lines for people or as JSON. */
final class ProviderStatusJson {

  private ProviderStatusJson() {}

  static Map<String, Object> of(ProviderStatus status) {
    MetricsSnapshot metrics = status.metrics();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("provider", status.provider().id());
    json.put("breaker", status.breakerState());
    List<Map<String, Object>> windows = new ArrayList<>();
    for (WindowState window : status.windows()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("window", name(window));
      one.put("limit", window.window().limit());
      one.put("used", window.used());
      one.put("left", window.left());
      one.put("resets", window.resets().toString());
      windows.add(one);
    }
    json.put("windows", windows);
    json.put("parkedUntil", status.parked().map(parked -> parked.until().toString()).orElse(null));
    json.put("parkedReason", status.parked().map(parked -> parked.reason()).orElse(null));
    Map<String, Object> requests = new LinkedHashMap<>();
    requests.put("calls", metrics.calls());
    requests.put("sent", metrics.requests());
    requests.put("success", metrics.successes());
    requests.put("successAfterRetry", metrics.retriedSuccesses());
    requests.put("retried", metrics.retries());
    requests.put("rateLimited", metrics.rateLimited());
    Map<String, Long> failed = new LinkedHashMap<>();
    metrics.errors().entrySet().stream()
        .filter(entry -> entry.getValue() > 0)
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> failed.put(kind(entry.getKey()), entry.getValue()));
    requests.put("failed", failed);
    json.put("requests", requests);
    json.put("cacheHitRate", metrics.cacheHitRate());
    json.put("latencyP50Ms", metrics.latencyP50().toMillis());
    json.put("latencyP95Ms", metrics.latencyP95().toMillis());
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("inputTokens", metrics.spend().inputTokens());
    cost.put("outputTokens", metrics.spend().outputTokens());
    cost.put("characters", metrics.spend().characters());
    cost.put("images", metrics.spend().images());
    json.put("cost", cost);
    return json;
  }

  static void print(ProviderStatus status, PrintWriter out) {
    MetricsSnapshot metrics = status.metrics();
    out.printf(
        "%s: breaker %s%s%n",
        status.provider().id(),
        status.breakerState(),
        status
            .parked()
            .map(parked -> ", parked until " + parked.until() + " (" + parked.reason() + ")")
            .orElse(""));
    for (WindowState window : status.windows()) {
      out.printf(
          "  limit %-12s %d of %d left, resets %s%n",
          name(window), window.left(), window.window().limit(), window.resets());
    }
    out.printf(
        "  requests: %d sent for %d calls, %d succeeded (%d after a retry), %d retried,"
            + " %d rate-limited, failed %s%n",
        metrics.requests(),
        metrics.calls(),
        metrics.successes(),
        metrics.retriedSuccesses(),
        metrics.retries(),
        metrics.rateLimited(),
        failed(metrics));
    out.printf(
        "  cache hit rate %.0f%%, latency p50 %s p95 %s%n",
        metrics.cacheHitRate() * 100, millis(metrics.latencyP50()), millis(metrics.latencyP95()));
    out.printf(
        "  cost: %d input + %d output tokens, %d characters, %d images%n",
        metrics.spend().inputTokens(),
        metrics.spend().outputTokens(),
        metrics.spend().characters(),
        metrics.spend().images());
  }

  private static String failed(MetricsSnapshot metrics) {
    List<String> parts = new ArrayList<>();
    metrics.errors().entrySet().stream()
        .filter(entry -> entry.getValue() > 0)
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> parts.add(kind(entry.getKey()) + " " + entry.getValue()));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String kind(ApiErrorKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static String name(WindowState window) {
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
    return length.toString();
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
