package io.clipdeck.ui.migrations;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseInfo;
import io.clipdeck.migrate.MigrationProject;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.MigrationStatus;
import io.clipdeck.ui.fx.ViewJobs;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * How the migrations view models run their operations on the active profile, one at a time, through
 * {@link ViewJobs}: each operation's work runs on a worker and is followed by a reread of the
 * migrations (whatever the work did), whose result goes to {@code reread}; its outcome goes to the
 * status line and the activity list. A result that comes back after the active profile changed is
 * dropped and the new profile's migrations are read instead.
 */
final class MigrationJobs {

  /** How many progress lines the activity list keeps. */
  static final int ACTIVITY_LINES = 200;

  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** Work on the profile's migration service; runs on a worker. */
  @FunctionalInterface
  interface Work<T> {
    T apply(MigrationService service) throws Exception;
  }

  /** What a finished operation reports, with the table as reread after it. */
  @FunctionalInterface
  interface Done<T> {
    void accept(T result, MigrationStatus after);
  }

  /**
   * The migrations as read after an operation: the project and database the profile has now, and
   * the table ({@code after}), or null and why it could not be read.
   */
  record Reread(
      MigrationProject project,
      Optional<DatabaseInfo> database,
      MigrationStatus after,
      Exception failure) {}

  /** What a job brings back: the result or the failure of the work, and the reread after it. */
  private record Outcome<T>(T result, Exception failure, Reread reread) {}

  private final Function<ConnectionProfile, MigrationService> migrations;
  private final Clock clock;
  private final Executor fx;
  private final ViewJobs jobs;
  private final ObservableList<String> activity = FXCollections.observableArrayList();
  private Consumer<Reread> reread = ignored -> {};

  /** The profile the operations work on; follows the active profile. */
  private ConnectionProfile profile;

  private boolean visible;

  MigrationJobs(
      Function<ConnectionProfile, MigrationService> migrations,
      BackgroundJobs jobs,
      Clock clock,
      Executor fx) {
    this.migrations = migrations;
    this.clock = clock;
    this.fx = fx;
    this.jobs = new ViewJobs(jobs, fx);
  }

  /** Where the migrations read after each operation go. */
  void onReread(Consumer<Reread> reread) {
    this.reread = reread;
  }

  ViewJobs jobs() {
    return jobs;
  }

  ObservableList<String> activity() {
    return activity;
  }

  ConnectionProfile profile() {
    return profile;
  }

  void profile(ConnectionProfile profile) {
    this.profile = profile;
  }

  boolean visible() {
    return visible;
  }

  void visible(boolean visible) {
    this.visible = visible;
  }

  boolean busy() {
    return jobs.busyProperty().get();
  }

  /** Runs an operation unless one runs already. */
  <T> void run(String job, Work<T> work, Done<T> done) {
    if (!busy()) {
      start(job, work, done);
    }
  }

  /** Rereads the migrations without a word in the status line, unless an operation runs. */
  void refreshQuietly() {
    if (!busy()) {
      readQuietly();
    }
  }

  /**
   * Runs a step that is not an operation (reading a rollback plan, a configuration file) on the
   * active profile; {@code done} gets its result or failure unless the profile changed meanwhile.
   */
  <T> void read(String job, Callable<T> work, BiConsumer<? super T, Throwable> done) {
    ConnectionProfile target = profile;
    say(job + "…");
    jobs.run(
        job,
        work,
        (result, error) -> {
          if (stillActive(target)) {
            done.accept(result, error);
          }
        });
  }

  /** The migration service of {@code target}, for work on a worker. */
  MigrationService service(ConnectionProfile target) {
    return migrations.apply(target);
  }

  /** Runs an operation, busy or not (a step of an operation that holds busy already). */
  <T> void start(String job, Work<T> work, Done<T> done) {
    ConnectionProfile target = profile;
    boolean quiet = job.startsWith("Reading");
    say(job + "…");
    if (!quiet) {
      report(job + "…", false);
    }
    jobs.run(
        job,
        () -> attempt(target, work),
        (outcome, error) -> {
          if (stillActive(target)) {
            apply(job, quiet, outcome, error, done);
          }
        });
  }

  private void readQuietly() {
    start("Reading the migrations of " + profile.name(), service -> null, (nothing, after) -> {});
  }

  /**
   * Whether {@code target} is still the active profile; when not, what came back is stale and the
   * active profile's migrations are read instead (if on screen).
   */
  private boolean stillActive(ConnectionProfile target) {
    if (target.name().equals(profile.name())) {
      return true;
    }
    if (visible) {
      readQuietly();
    }
    return false;
  }

  /** Runs the work and rereads the table, whatever the work did; on a worker. */
  private <T> Outcome<T> attempt(ConnectionProfile target, Work<T> work) {
    MigrationService service = migrations.apply(target);
    T result = null;
    Exception failure = null;
    try {
      result = work.apply(service);
    } catch (Exception e) {
      failure = e;
    }
    MigrationProject project = service.project();
    try {
      // A fresh service: the work may have chosen another project for the profile.
      MigrationService now = migrations.apply(target);
      project = now.project();
      MigrationStatus after = now.status();
      return new Outcome<>(result, failure, new Reread(project, now.databaseInfo(), after, null));
    } catch (RuntimeException e) {
      return new Outcome<>(result, failure, new Reread(project, service.databaseInfo(), null, e));
    }
  }

  private <T> void apply(
      String job, boolean quiet, Outcome<T> outcome, Throwable error, Done<T> done) {
    Throwable failure = error != null ? error : outcome.failure();
    Reread read = outcome == null ? null : outcome.reread();
    if (read != null) {
      reread.accept(read);
      if (read.after() == null) {
        say("Could not reread the migrations: " + read.failure().getMessage());
      }
    }
    if (failure != null) {
      String message = job + " failed: " + ViewJobs.message(failure);
      say(message);
      report(message, true);
      return;
    }
    done.accept(
        outcome.result(),
        read.after() == null ? new MigrationStatus(List.of(), Optional.empty()) : read.after());
    if (read.after() != null) {
      // A run that died mid-script outranks whatever this job had to say: nothing may migrate
      // until the user has looked.
      read.after().interrupted().ifPresent(mark -> report(mark.describe(), true));
    } else {
      // The work went through but the migrations cannot be read (a placeholder without a value,
      // a folder that is gone): that is what the user must fix next.
      String status = jobs.statusProperty().get();
      report(
          status
              + (status.isEmpty() ? "" : "\n")
              + "Cannot read the migrations of "
              + profile.name()
              + ": "
              + read.failure().getMessage(),
          true);
    }
    if (!quiet || jobs.statusIsErrorProperty().get()) {
      say(jobs.statusProperty().get().lines().findFirst().orElse(""));
    }
  }

  /** A progress line from a worker. */
  void progress(String line) {
    fx.execute(() -> say(line));
  }

  /** A line in the activity list, with the time. */
  void say(String line) {
    activity.add(LocalTime.now(clock).format(CLOCK_TIME) + "  " + line);
    if (activity.size() > ACTIVITY_LINES) {
      activity.remove(0, activity.size() - ACTIVITY_LINES);
    }
  }

  void report(String message, boolean error) {
    jobs.report(message, error);
  }

  /** "V1, V2, R order summary": versions as the table labels them. */
  static String versions(List<String> versions) {
    return String.join(
        ", ",
        versions.stream()
            .map(version -> version.startsWith("R ") ? version : "V" + version)
            .toList());
  }
}
