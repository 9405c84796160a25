package io.clipdeck.ui.dashboard;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthMonitor;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PoolStats;
import io.clipdeck.db.ProfileService;
import io.clipdeck.ui.fx.Format;
import io.clipdeck.ui.fx.Refresher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The active profile's pool and health figures, refreshed while the dashboard is shown. Reading the
 * pool happens on a worker; the figures are applied on the FX thread in one step.
 */
public final class DashboardViewModel {

  private final ProfileService profiles;
  private final DatabaseRegistry databases;
  private final HealthMonitor health;
  private final Executor fx;

  private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper healthLine = new ReadOnlyStringWrapper("");
  private final ObservableList<Figure> figures = FXCollections.observableArrayList();
  private final Refresher refresher;

  public DashboardViewModel(
      ProfileService profiles,
      DatabaseRegistry databases,
      HealthMonitor health,
      ScheduledExecutorService scheduler,
      Executor workers,
      Executor fx,
      Duration refreshInterval) {
    this.profiles = profiles;
    this.databases = databases;
    this.health = health;
    this.fx = fx;
    this.refresher = new Refresher(scheduler, workers, refreshInterval, this::refresh);
  }

  public ReadOnlyStringProperty headingProperty() {
    return heading.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty healthLineProperty() {
    return healthLine.getReadOnlyProperty();
  }

  public ObservableList<Figure> figures() {
    return figures;
  }

  /** Refreshes now and then at the interval, until {@link #stop()}. */
  public void start() {
    refresher.start();
  }

  public void stop() {
    refresher.stop();
  }

  /** Reads the active profile's figures; call off the FX thread. */
  public void refresh() {
    ConnectionProfile profile = profiles.active();
    PoolStats stats = databases.open(profile).stats();
    HealthReport report =
        health.latest(profile.name()).orElse(HealthReport.unknown(profile.name()));
    List<Figure> next = figuresOf(stats);
    fx.execute(
        () -> {
          heading.set(
              profile.name() + " · " + profile.kind().displayName() + " · " + profile.location());
          healthLine.set(describe(report));
          figures.setAll(next);
        });
  }

  static List<Figure> figuresOf(PoolStats stats) {
    return List.of(
        new Figure("Active", String.valueOf(stats.active()), "connections lent out now"),
        new Figure("Idle", String.valueOf(stats.idle()), "open, waiting in the pool"),
        new Figure("Waiting", String.valueOf(stats.waiting()), "threads waiting for a connection"),
        new Figure("Total", stats.total() + " / " + stats.max(), "open of the pool's maximum"),
        new Figure("Overflow", String.valueOf(stats.overflow()), "open above pool_size"),
        new Figure("Borrows", String.valueOf(stats.borrows()), "connections handed out"),
        new Figure(
            "Avg borrow", Format.millis(stats.averageBorrow()), "mean wait for a connection"),
        new Figure("Max borrow", Format.millis(stats.maxBorrow()), "longest wait for a connection"),
        new Figure(
            "Timeouts", String.valueOf(stats.borrowTimeouts()), "borrowers that gave up waiting"));
  }

  private static String describe(HealthReport report) {
    return switch (report.health()) {
      case UP ->
          "Up · round trip "
              + Format.millis(report.latency())
              + " · server "
              + report.serverVersion();
      case DOWN -> "Down · " + report.problem().orElse("no answer");
      case UNKNOWN -> "Health not checked yet";
    };
  }
}
