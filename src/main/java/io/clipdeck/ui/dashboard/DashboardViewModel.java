package io.clipdeck.ui.dashboard;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.config.DashboardSettings;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.failover.FailoverStatus;
import io.clipdeck.monitor.Alert;
import io.clipdeck.monitor.DashboardService;
import io.clipdeck.monitor.DashboardSnapshot;
import io.clipdeck.monitor.DatabaseCard;
import io.clipdeck.monitor.HistoryPoint;
import io.clipdeck.monitor.ServerSession;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.Refresher;
import io.clipdeck.ui.fx.ViewJobs;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live dashboard: the active profile's health, pool and server figures with their history, the
 * server's sessions (cancel, terminate), a diagnosis when borrowers wait, and a card for every
 * other open profile and failover group. Each tick samples on a worker and applies one snapshot on
 * the FX thread; a tick still waiting for a slow server makes the next one skip, never pile up.
 */
public final class DashboardViewModel {

  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter ALERT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** How many past alerts the history list shows. */
  static final int ALERT_HISTORY = DashboardService.ALERT_HISTORY;

  private final DashboardService service;
  private final ViewJobs viewJobs;
  private final DialogService dialogs;
  private final Clock clock;
  private final Executor fx;
  private final Refresher refresher;

  /** The interval (read when the view is shown) and the long-statement thresholds. */
  private final Supplier<DashboardSettings> settings;

  private final AtomicBoolean sampling = new AtomicBoolean();

  private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper healthLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper up = new ReadOnlyBooleanWrapper(false);
  private final ObservableList<Figure> figures = FXCollections.observableArrayList();
  private final ObservableList<Figure> serverFigures = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper serverLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper hasServer = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper diagnosis = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<List<HistoryPoint>> history =
      new ReadOnlyObjectWrapper<>(List.of());
  private final ObservableList<SessionRow> sessions = FXCollections.observableArrayList();
  private final ObjectProperty<SessionRow> selectedSession = new SimpleObjectProperty<>();
  private final ObservableList<CardRow> cards = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper actionResult = new ReadOnlyStringWrapper("");
  private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
  private final ObservableList<String> alertHistory = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper alerting = new ReadOnlyBooleanWrapper(false);
  private final BooleanBinding canAct;

  /** The profile whose figures are on screen. */
  private ConnectionProfile shown;

  public DashboardViewModel(
      DashboardService service,
      BackgroundJobs jobs,
      DialogService dialogs,
      Clock clock,
      ScheduledExecutorService scheduler,
      Executor workers,
      Executor fx,
      Supplier<DashboardSettings> settings) {
    this.service = service;
    this.viewJobs = new ViewJobs(jobs, fx);
    this.dialogs = dialogs;
    this.clock = clock;
    this.fx = fx;
    this.settings = settings;
    this.refresher =
        new Refresher(scheduler, workers, () -> settings.get().refreshInterval(), this::refresh);
    this.canAct =
        Bindings.createBooleanBinding(
            () -> !viewJobs.busyProperty().get() && selectedSession.get() != null,
            viewJobs.busyProperty(),
            selectedSession);
  }

  // Properties the view binds to.

  /** "Local SQLite · SQLite · /home/…/clipdeck.db". */
  public ReadOnlyStringProperty headingProperty() {
    return heading.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty healthLineProperty() {
    return healthLine.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty upProperty() {
    return up.getReadOnlyProperty();
  }

  /** The pool's figures. */
  public ObservableList<Figure> figures() {
    return figures;
  }

  /** The server's figures: sessions, limits, rates per second, cache hit rate. */
  public ObservableList<Figure> serverFigures() {
    return serverFigures;
  }

  /** What the server side says in one line, or why it cannot be read. */
  public ReadOnlyStringProperty serverLineProperty() {
    return serverLine.getReadOnlyProperty();
  }

  /** False for a SQLite file: no sessions, no server counters. */
  public ReadOnlyBooleanProperty hasServerProperty() {
    return hasServer.getReadOnlyProperty();
  }

  /** Why borrowers wait or time out, in words; empty while all is well. */
  public ReadOnlyStringProperty diagnosisProperty() {
    return diagnosis.getReadOnlyProperty();
  }

  /** The charted figures of the active profile over the last minutes, oldest first. */
  public ReadOnlyObjectProperty<List<HistoryPoint>> historyProperty() {
    return history.getReadOnlyProperty();
  }

  /** The server's other sessions, longest-running first. */
  public ObservableList<SessionRow> sessions() {
    return sessions;
  }

  public ObjectProperty<SessionRow> selectedSessionProperty() {
    return selectedSession;
  }

  /** The other open profiles and the failover groups. */
  public ObservableList<CardRow> cards() {
    return cards;
  }

  /** What the last cancel or terminate did. */
  public ReadOnlyStringProperty actionResultProperty() {
    return actionResult.getReadOnlyProperty();
  }

  /** True while a session is selected and no cancel or terminate runs. */
  public BooleanBinding canActProperty() {
    return canAct;
  }

  /** The alerts nobody has acknowledged yet, of every open profile, oldest first. */
  public ObservableList<Alert> alerts() {
    return alerts;
  }

  /** The newest alerts, acknowledged or not, newest first, one line each with its time. */
  public ObservableList<String> alertHistory() {
    return alertHistory;
  }

  /** True while the profile on screen has an alert nobody acknowledged. */
  public ReadOnlyBooleanProperty alertingProperty() {
    return alerting.getReadOnlyProperty();
  }

  /** The user has seen the alert: it stops marking its card (it stays in the history). */
  public void acknowledge(Alert alert) {
    service.acknowledge(alert);
    alerts.remove(alert);
    updateAlerting();
  }

  // Life cycle.

  /** Refreshes now and then at the interval, until {@link #stop()}. */
  public void start() {
    refresher.start();
  }

  public void stop() {
    refresher.stop();
  }

  /**
   * Samples the active profile, the other open ones and the groups, then applies the snapshot on
   * the FX thread. Call off the FX thread; a call while the previous one still waits returns at
   * once.
   */
  public void refresh() {
    if (!sampling.compareAndSet(false, true)) {
      return;
    }
    try {
      DashboardSnapshot snapshot = service.sample();
      List<CardRow> others = new ArrayList<>();
      snapshot
          .others()
          .forEach(other -> others.add(DashboardFormat.profileCard(other, snapshot.open())));
      List<DatabaseCard> open = new ArrayList<>(snapshot.others());
      open.add(snapshot.active());
      for (FailoverStatus group : snapshot.groups()) {
        others.add(DashboardFormat.groupCard(group));
        others.addAll(DashboardFormat.memberCards(group, open));
      }
      List<String> pastAlerts = snapshot.past().stream().map(this::historyLine).toList();
      fx.execute(
          () ->
              apply(
                  snapshot.active(),
                  snapshot.history(),
                  others,
                  snapshot.open(),
                  pastAlerts,
                  snapshot.raised()));
    } finally {
      sampling.set(false);
    }
  }

  // Actions on the selected session.

  /** Cancels the selected session's statement; asks first on a Production profile. */
  public void cancelSelected() {
    SessionRow row = selectedSession.get();
    ConnectionProfile on = shown;
    if (row == null || on == null) {
      return;
    }
    if (on.environment().asksBeforeWrites()
        && !dialogs.confirm(
            "Cancel a statement on " + on.name(),
            on.name()
                + " is a Production database. Cancel the statement of session "
                + row.id()
                + " ("
                + row.user()
                + ")?",
            "Cancel statement")) {
      return;
    }
    act(
        "Cancelling the statement of session " + row.id() + " on " + on.name(),
        () -> service.cancel(on, row.id()),
        done ->
            done
                ? "Cancelled the statement of session " + row.id() + "; the session stays."
                : "Session " + row.id() + " had no statement to cancel, or has ended.");
  }

  /** Ends the selected session after asking; its open transaction is rolled back. */
  public void terminateSelected() {
    SessionRow row = selectedSession.get();
    ConnectionProfile on = shown;
    if (row == null || on == null) {
      return;
    }
    if (!dialogs.confirm(
        "Terminate session " + row.id(),
        "End session "
            + row.id()
            + " of "
            + row.user()
            + " on "
            + on.name()
            + (on.environment().asksBeforeWrites() ? " (a Production database)" : "")
            + "? Its open transaction is rolled back and its connection closed.",
        "Terminate")) {
      return;
    }
    act(
        "Terminating session " + row.id() + " on " + on.name(),
        () -> service.terminate(on, row.id()),
        done -> {
          // Gone at once from the table; the next tick reads the server again.
          sessions.removeIf(session -> session.id() == row.id());
          return done
              ? "Terminated session " + row.id() + "."
              : "Session " + row.id() + " had ended already.";
        });
  }

  /** Preloads the profile's common reads into Clipdeck's query cache. */
  public void warmCache() {
    ConnectionProfile on = shown == null ? service.active() : shown;
    actionResult.set("Warming the query cache of " + on.name() + "…");
    viewJobs.run(
        "Warming the query cache of " + on.name(),
        () -> service.warmCache(on),
        (reads, error) ->
            actionResult.set(
                error == null
                    ? "Preloaded "
                        + reads
                        + " common reads of "
                        + on.name()
                        + " into the query cache."
                    : "Cannot warm the cache of " + on.name() + ": " + ViewJobs.message(error)));
  }

  private void act(String job, Callable<Boolean> action, Function<Boolean, String> describe) {
    actionResult.set(job + "…");
    viewJobs.run(
        job,
        action,
        (done, error) ->
            actionResult.set(
                error == null
                    ? describe.apply(done)
                    : job + " failed: " + ViewJobs.message(error)));
  }

  // Applying a snapshot (FX thread).

  private void apply(
      DatabaseCard card,
      List<HistoryPoint> points,
      List<CardRow> others,
      List<Alert> open,
      List<String> pastAlerts,
      List<Alert> raised) {
    ConnectionProfile profile = card.profile();
    if (shown != null && !shown.name().equals(profile.name())) {
      // What an action said was about the previous profile's sessions.
      actionResult.set("");
    }
    shown = profile;
    heading.set(profile.name() + " · " + profile.kind().displayName() + " · " + profile.location());
    healthLine.set(DashboardFormat.describe(card.health()));
    up.set(card.health().isUp());
    // Built whole, then set once: each change of an observable list redraws every tile.
    List<Figure> pool = new ArrayList<>(DashboardFormat.figuresOf(card.pool()));
    pool.add(DashboardFormat.heldLongestOf(card));
    card.role()
        .ifPresent(
            role ->
                pool.add(
                    new Figure(
                        "Role",
                        role,
                        card.expectedRole()
                            .map(expected -> "expected: " + expected)
                            .orElse("primary, or replica (read-only / in recovery)"))));
    pool.addAll(DashboardFormat.statementFiguresOf(card));
    setIfChanged(figures, pool);
    diagnosis.set(card.diagnosis().orElse(""));
    hasServer.set(card.server().isPresent() || card.serverProblem().isPresent());
    serverLine.set(DashboardFormat.serverLineOf(card));
    setIfChanged(serverFigures, DashboardFormat.serverFiguresOf(card));
    history.set(points);
    Long selectedId = selectedSession.get() == null ? null : selectedSession.get().id();
    sessions.setAll(card.sessions().stream().map(this::rowOf).toList());
    selectedSession.set(
        sessions.stream()
            .filter(row -> selectedId != null && row.id() == selectedId)
            .findFirst()
            .orElse(null));
    setIfChanged(cards, others);
    setIfChanged(alerts, open);
    setIfChanged(alertHistory, pastAlerts);
    updateAlerting();
    raised.forEach(alert -> dialogs.notify("Alert on " + alert.profile(), alert.message()));
  }

  /**
   * Replaces {@code list}'s items only when they differ: a tick that changed nothing must not make
   * the view rebuild its nodes (ten profiles' cards, the tiles) on the FX thread.
   */
  private static <T> void setIfChanged(ObservableList<T> list, List<T> items) {
    if (!list.equals(items)) {
      list.setAll(items);
    }
  }

  private void updateAlerting() {
    alerting.set(
        shown != null && alerts.stream().anyMatch(alert -> alert.profile().equals(shown.name())));
  }

  private String historyLine(Alert alert) {
    return ALERT_TIME.format(alert.raisedAt().atZone(clock.getZone()))
        + "  "
        + alert.profile()
        + "  "
        + alert.message();
  }

  private SessionRow rowOf(ServerSession session) {
    SessionRow.Severity severity =
        !session.active()
            ? SessionRow.Severity.NORMAL
            : session.running().compareTo(settings.get().longQueryAlert()) >= 0
                ? SessionRow.Severity.ALERT
                : session.running().compareTo(settings.get().longQueryWarning()) >= 0
                    ? SessionRow.Severity.WARNING
                    : SessionRow.Severity.NORMAL;
    return new SessionRow(
        session.id(),
        session.user(),
        session.application(),
        session.state(),
        session
            .queryStart()
            .map(start -> CLOCK_TIME.format(start.atZone(clock.getZone())))
            .orElse(""),
        session.running().isZero() ? "" : DashboardFormat.seconds(session.running()),
        session.query().replaceAll("\\s+", " "),
        session.clipdeck(),
        severity);
  }
}
