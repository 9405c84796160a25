package io.clipdeck.monitor;

import io.clipdeck.api.ProviderStatus;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.ProfileService;
import io.clipdeck.db.failover.FailoverGroups;
import io.clipdeck.db.failover.FailoverStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the dashboard view reads and does: one tick samples the active profile, every other open
 * pool and the failover groups and evaluates the alert rules ({@link #sample}); sessions are
 * cancelled or terminated; the query cache is warmed. Blocking: call on a worker. Failures of the
 * server come as the data layer's typed {@link io.clipdeck.data.DataException}s.
 */
public final class DashboardService {

  /** How many past alerts a snapshot carries. */
  public static final int ALERT_HISTORY = 50;

  private final ProfileService profiles;
  private final DatabaseRegistry databases;
  private final DatabaseMonitor monitor;
  private final AlertTracker alerts;
  private final Function<ConnectionProfile, DataLayer> data;
  private final Supplier<FailoverGroups> groups;
  private final ServiceAlerts serviceAlerts;
  private final Supplier<List<ProviderStatus>> providers;

  /**
   * @param serviceAlerts judges the providers' and Clipdeck's own statements' error rates; shares
   *     {@code alerts}, so its alerts are acknowledged the same way
   * @param providers the providers' status now; empty while no provider client was made
   */
  public DashboardService(
      ProfileService profiles,
      DatabaseRegistry databases,
      DatabaseMonitor monitor,
      AlertTracker alerts,
      Function<ConnectionProfile, DataLayer> data,
      Supplier<FailoverGroups> groups,
      ServiceAlerts serviceAlerts,
      Supplier<List<ProviderStatus>> providers) {
    this.profiles = profiles;
    this.databases = databases;
    this.monitor = monitor;
    this.alerts = alerts;
    this.data = data;
    this.groups = groups;
    this.serviceAlerts = serviceAlerts;
    this.providers = providers;
  }

  /** The profile the dashboard shows first. */
  public ConnectionProfile active() {
    return profiles.active();
  }

  /**
   * Samples the active profile, the other open ones and the groups, and evaluates the alert rules
   * on each card. A group's serving member is expected to be a primary.
   */
  public DashboardSnapshot sample() {
    ConnectionProfile active = profiles.active();
    List<FailoverStatus> groupStatuses = groups.get().statuses();
    // A group writes through its serving member: that one must be a primary.
    Map<String, String> expectedRoles = new HashMap<>();
    groupStatuses.forEach(status -> expectedRoles.put(status.serving(), "primary"));
    DatabaseCard card =
        monitor.sample(active, Optional.ofNullable(expectedRoles.get(active.name())));
    List<Alert> raised = new ArrayList<>(alerts.evaluate(card));
    raised.addAll(serviceAlerts(card));
    List<HistoryPoint> points = monitor.history(active.name());
    List<DatabaseCard> others = new ArrayList<>();
    for (PooledDatabase database : databases.openDatabases()) {
      if (!database.profile().name().equals(active.name())) {
        DatabaseCard other =
            monitor.sample(
                database.profile(),
                Optional.ofNullable(expectedRoles.get(database.profile().name())));
        raised.addAll(alerts.evaluate(other));
        raised.addAll(serviceAlerts(other));
        others.add(other);
      }
    }
    raised.addAll(serviceAlerts.evaluateProviders(providers.get(), card.at()));
    return new DashboardSnapshot(
        card,
        points,
        others,
        groupStatuses,
        alerts.active(),
        alerts.history(ALERT_HISTORY),
        raised);
  }

  private List<Alert> serviceAlerts(DatabaseCard card) {
    return card.queries()
        .map(queries -> serviceAlerts.evaluateQueries(queries, card.at()))
        .orElse(List.of());
  }

  /** The user has seen the alert: it is no longer open (it stays in the history). */
  public void acknowledge(Alert alert) {
    alerts.acknowledge(alert);
  }

  /** Cancels a session's running statement; false when it had none or has ended. */
  public boolean cancel(ConnectionProfile profile, long sessionId) {
    return monitor.cancel(profile, sessionId);
  }

  /** Ends a session; its open transaction is rolled back. False when it had ended already. */
  public boolean terminate(ConnectionProfile profile, long sessionId) {
    return monitor.terminate(profile, sessionId);
  }

  /** Preloads the profile's common reads into Clipdeck's query cache; returns how many. */
  public int warmCache(ConnectionProfile profile) {
    return data.apply(profile).warmCache();
  }
}
