package io.clipdeck.ui.shell;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.app.ProfileHealth;
import io.clipdeck.app.RunningJob;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.ProfileService;
import io.clipdeck.logging.LogBuffer;
import io.clipdeck.ui.fx.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: which view is shown, the status bar (active profile, its health, running
 * jobs) and the log pane. Core events arrive on any thread and are applied through {@code fx}.
 */
public final class ShellViewModel implements AutoCloseable {

  /** The log pane shows at most this many lines; the log file keeps the rest. */
  static final int LOG_LINES = 500;

  private final ProfileService profiles;
  private final ProfileHealth health;
  private final Executor fx;

  private final ObjectProperty<Section> section = new SimpleObjectProperty<>(Section.PROFILES);
  private final ReadOnlyStringWrapper activeProfile = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<HealthReport.Health> activeHealth =
      new ReadOnlyObjectWrapper<>(HealthReport.Health.UNKNOWN);
  private final ReadOnlyStringWrapper healthText = new ReadOnlyStringWrapper("checking…");
  private final ReadOnlyIntegerWrapper runningJobs = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyStringWrapper jobsText = new ReadOnlyStringWrapper("Idle");
  private final ObservableList<RunningJob> jobList = FXCollections.observableArrayList();
  private final AtomicReference<List<RunningJob>> pendingJobs = new AtomicReference<>();
  private final BackgroundJobs backgroundJobs;
  private final BooleanProperty logVisible = new SimpleBooleanProperty(true);
  private final ObservableList<LogBuffer.Entry> log = FXCollections.observableArrayList();

  private final Queue<LogBuffer.Entry> pendingLog = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean logDrainScheduled = new AtomicBoolean();
  private final Consumer<HealthReport> healthListener = this::onHealth;
  private final Consumer<ConnectionProfile> activeListener = this::onActive;

  public ShellViewModel(
      ProfileService profiles,
      ProfileHealth health,
      BackgroundJobs jobs,
      LogBuffer logBuffer,
      Executor fx) {
    this.profiles = profiles;
    this.health = health;
    this.fx = fx;
    log.setAll(tail(logBuffer.snapshot()));
    logBuffer.addListener(this::onLog);
    this.backgroundJobs = jobs;
    jobs.addJobListener(this::onJobs);
    health.addListener(healthListener);
    profiles.addActiveListener(activeListener);
    profiles.loadProblem().ifPresent(problem -> healthText.set("Profiles file unreadable"));
  }

  /** Starts watching the active profile; its first health check runs at once. */
  public void start() {
    onActive(profiles.active());
  }

  public ObjectProperty<Section> sectionProperty() {
    return section;
  }

  public ReadOnlyStringProperty activeProfileProperty() {
    return activeProfile.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<HealthReport.Health> activeHealthProperty() {
    return activeHealth.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty healthTextProperty() {
    return healthText.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty runningJobsProperty() {
    return runningJobs.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty jobsTextProperty() {
    return jobsText.getReadOnlyProperty();
  }

  public BooleanProperty logVisibleProperty() {
    return logVisible;
  }

  public ObservableList<LogBuffer.Entry> log() {
    return log;
  }

  private void onActive(ConnectionProfile profile) {
    fx.execute(
        () -> {
          activeProfile.set(profile.name() + " · " + profile.kind().displayName());
          healthText.set("checking…");
          activeHealth.set(HealthReport.Health.UNKNOWN);
        });
    health.follow(profile);
  }

  private void onHealth(HealthReport report) {
    fx.execute(
        () -> {
          if (!report.profile().equals(profiles.active().name())) {
            return;
          }
          healthText.set(
              report.isUp()
                  ? "Up · " + Format.millis(report.latency()) + " · " + report.serverVersion()
                  : "Down · " + report.problem().orElse("no answer"));
          activeHealth.set(report.health());
        });
  }

  /** The running jobs, each with its progress: the status bar's list. */
  public ObservableList<RunningJob> jobs() {
    return jobList;
  }

  /** Asks a running job to stop (the status bar's cancel). */
  public void cancelJob(long id) {
    backgroundJobs.cancel(id);
  }

  /** Jobs report progress often; the newest list is applied in one FX pass per burst. */
  private void onJobs(List<RunningJob> running) {
    if (pendingJobs.getAndSet(running) == null) {
      fx.execute(this::showJobs);
    }
  }

  private void showJobs() {
    List<RunningJob> running = pendingJobs.getAndSet(null);
    if (running == null) {
      return;
    }
    jobList.setAll(running);
    runningJobs.set(running.size());
    jobsText.set(
        switch (running.size()) {
          case 0 -> "Idle";
          case 1 -> line(running.getFirst());
          default -> running.size() + " jobs running";
        });
  }

  private static String line(RunningJob job) {
    String count = job.count();
    return job.description() + (count.isEmpty() ? "" : ": " + count);
  }

  /** Log events can come in bursts; they are applied in one FX pass per burst. */
  private void onLog(LogBuffer.Entry entry) {
    pendingLog.add(entry);
    if (logDrainScheduled.compareAndSet(false, true)) {
      fx.execute(this::drainLog);
    }
  }

  private void drainLog() {
    logDrainScheduled.set(false);
    List<LogBuffer.Entry> batch = new ArrayList<>();
    for (LogBuffer.Entry entry; (entry = pendingLog.poll()) != null; ) {
      batch.add(entry);
    }
    log.addAll(batch);
    if (log.size() > LOG_LINES) {
      log.remove(0, log.size() - LOG_LINES);
    }
  }

  private static List<LogBuffer.Entry> tail(List<LogBuffer.Entry> entries) {
    return entries.subList(Math.max(0, entries.size() - LOG_LINES), entries.size());
  }

  @Override
  public void close() {
    health.removeListener(healthListener);
  }
}
