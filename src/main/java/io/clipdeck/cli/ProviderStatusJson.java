package io.clipdeck.cli;

import io.clipdeck.api.BreakerTransition;
import io.clipdeck.api.MetricsSnapshot;
import io.clipdeck.api.ProviderStatus;
import io.clipdeck.api.WindowState;
import io.clipdeck.api.clients.ProviderFigures;
import io.clipdeck.api.clients.ProviderReport;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code providers status}: a {@link ProviderReport} as JSON, or as the console's figures ({@link
 * ProviderFigures}) for people.
 */
final class ProviderStatusJson {

  private ProviderStatusJson() {}

  static Map<String, Object> of(ProviderReport report) {
    ProviderStatus status = report.status();
    MetricsSnapshot metrics = status.metrics();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("provider", status.provider().id());
    json.put("model", report.model());
    json.put("breaker", status.breakerState());
    List<Map<String, Object>> transitions = new ArrayList<>();
    for (BreakerTransition transition : status.transitions()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("from", transition.from());
      one.put("to", transition.to());
      one.put("at", transition.at().toString());
      transitions.add(one);
    }
    json.put("transitions", transitions);
    List<Map<String, Object>> windows = new ArrayList<>();
    for (WindowState window : status.windows()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("window", ProviderFigures.windowName(window));
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
        .forEach(entry -> failed.put(ProviderFigures.kind(entry.getKey()), entry.getValue()));
    requests.put("failed", failed);
    json.put("requests", requests);
    json.put("cacheHits", metrics.cacheHits());
    json.put("cacheMisses", metrics.cacheMisses());
    json.put("cacheHitRate", metrics.cacheHitRate());
    json.put("latencyP50Ms", metrics.latencyP50().toMillis());
    json.put("latencyP95Ms", metrics.latencyP95().toMillis());
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("inputTokens", metrics.spend().inputTokens());
    cost.put("outputTokens", metrics.spend().outputTokens());
    cost.put("characters", metrics.spend().characters());
    cost.put("images", metrics.spend().images());
    cost.put("estimatedPriceUsd", report.estimatedPrice());
    json.put("cost", cost);
    return json;
  }

  static void print(ProviderReport report, PrintWriter out) {
    out.println(report.status().provider().id() + ":");
    for (ProviderFigures.Figure figure : ProviderFigures.of(report, ZoneId.systemDefault())) {
      out.printf("  %-16s %s%n", figure.label(), figure.value());
    }
  }
}
