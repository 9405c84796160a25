package io.clipdeck.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns each tick's cards into alerts: one is raised when a threshold is crossed (not on every tick
 * it stays crossed), and stays active until acknowledged. Raised alerts go to the history store.
 * Thread-safe.
 */
public final class AlertTracker {

  private volatile AlertRules rules;
  private final HistoryStore store;

  /** Per profile and kind: the alert raised, until it is acknowledged. */
  private final Map<String, Alert> active = new LinkedHashMap<>();

  /** Per profile and kind: whether the threshold was crossed at the last tick. */
  private final Map<String, Boolean> crossedLastTick = new LinkedHashMap<>();

  public AlertTracker(AlertRules rules, HistoryStore store) {
    this.rules = rules;
    this.store = store;
  }

  /** The thresholds in use. */
  public AlertRules rules() {
    return rules;
  }

  /** Uses new thresholds from the next tick on (the settings changed). */
  public void rules(AlertRules value) {
    this.rules = java.util.Objects.requireNonNull(value, "rules");
  }

  /** Looks at one tick of a database; returns the alerts this tick raised. */
  public List<Alert> evaluate(DatabaseCard card) {
    AlertRules current = rules;
    Map<AlertRules.Kind, Optional<String>> crossings = new EnumMap<>(AlertRules.Kind.class);
    for (AlertRules.Kind kind : AlertRules.Kind.values()) {
      if (kind.fromCard()) {
        crossings.put(kind, current.crossed(kind, card));
      }
    }
    return evaluate(card.profile().name(), card.at(), crossings);
  }

  /**
   * Looks at one tick of {@code subject} (a profile, or a provider): each kind crossed now and not
   * at its last tick raises an alert, unless one is still open. Returns the alerts raised.
   */
  public synchronized List<Alert> evaluate(
      String subject, Instant at, Map<AlertRules.Kind, Optional<String>> crossings) {
    List<Alert> raised = new ArrayList<>();
    crossings.forEach(
        (kind, message) -> {
          String key = subject + "\u0000" + kind;
          boolean wasCrossed = crossedLastTick.getOrDefault(key, false);
          crossedLastTick.put(key, message.isPresent());
          if (message.isPresent() && !wasCrossed && !active.containsKey(key)) {
            Alert alert = new Alert(subject, kind, message.get(), at);
            active.put(key, alert);
            store.appendAlert(alert);
            raised.add(alert);
          }
        });
    return raised;
  }

  /** The alerts nobody has acknowledged yet, oldest first. */
  public synchronized List<Alert> active() {
    return List.copyOf(active.values());
  }

  public synchronized void acknowledge(Alert alert) {
    active.remove(alert.profile() + "\u0000" + alert.kind());
  }

  /** The newest alerts, acknowledged or not, from the history store. */
  public List<Alert> history(int limit) {
    return store.recentAlerts(limit);
  }
}
