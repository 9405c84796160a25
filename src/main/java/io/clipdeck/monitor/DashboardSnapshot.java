package io.clipdeck.monitor;

import io.clipdeck.db.failover.FailoverStatus;
import java.util.List;

/**
 * One dashboard tick: the active profile's card and history, the other open profiles' cards, the
 * failover groups, and the alerts.
 *
 * @param active the active profile's card
 * @param history the active profile's charted figures over the window, oldest first
 * @param others the other open profiles' cards
 * @param groups the failover groups' state
 * @param open the alerts nobody has acknowledged, of every open profile, oldest first
 * @param past the newest alerts, acknowledged or not, newest first
 * @param raised the alerts this tick raised (to notify once)
 */
public record DashboardSnapshot(
    DatabaseCard active,
    List<HistoryPoint> history,
    List<DatabaseCard> others,
    List<FailoverStatus> groups,
    List<Alert> open,
    List<Alert> past,
    List<Alert> raised) {

  public DashboardSnapshot {
    history = List.copyOf(history);
    others = List.copyOf(others);
    groups = List.copyOf(groups);
    open = List.copyOf(open);
    past = List.copyOf(past);
    raised = List.copyOf(raised);
  }
}
