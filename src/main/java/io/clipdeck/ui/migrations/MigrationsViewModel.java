package io.clipdeck.ui.migrations;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseInfo;
import io.clipdeck.db.ProfileService;
import io.clipdeck.migrate.MigrationRow;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.MigrationStatus;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.Format;
import io.clipdeck.ui.fx.ViewJobs;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The active profile's migrations: their table with the header above it, the SQL preview of the
 * selected one, the activity list and the status line. The operations live in the view models it
 * hands out ({@link #history()}, {@link #rollback()}, {@link #project()}, {@link #newMigration()});
 * all of them run through one {@link MigrationJobs}, one at a time: {@link #busyProperty()} is true
 * while one runs, and each rereads the table when done.
 */
public final class MigrationsViewModel implements AutoCloseable {

  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter INSTALLED_ON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final ProfileService profiles;
  private final Function<ConnectionProfile, MigrationService> migrations;
  private final BackgroundJobs background;
  private final Clock clock;
  private final Executor fx;
  private final MigrationJobs jobs;

  /** Reads the selected migration's scripts; a newer read or preview drops the one before. */
  private final ViewJobs.Latest scriptRead;

  private final MigrationHistoryViewModel history;
  private final MigrationRollbackViewModel rollback;
  private final MigrationProjectViewModel project;
  private final NewMigrationViewModel newMigration;

  private final ObservableList<MigrationEntry> rows = FXCollections.observableArrayList();
  private final ObjectProperty<MigrationEntry> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper profileLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper versionLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyIntegerWrapper applied = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper databaseLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper previewTitle = new ReadOnlyStringWrapper("SQL preview");
  private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
  private final Consumer<ConnectionProfile> activeListener;

  /** Whether the table shows the profile's migrations as read (not just its name). */
  private boolean loaded;

  public MigrationsViewModel(
      ProfileService profiles,
      Function<ConnectionProfile, MigrationService> migrations,
      BackgroundJobs jobs,
      DialogService dialogs,
      Clock clock,
      Executor fx) {
    this.profiles = profiles;
    this.migrations = migrations;
    this.background = jobs;
    this.clock = clock;
    this.fx = fx;
    this.jobs = new MigrationJobs(migrations, jobs, clock, fx);
    this.scriptRead = new ViewJobs(jobs, fx).latest();
    this.history = new MigrationHistoryViewModel(this.jobs, dialogs, selected, this::showPreview);
    this.rollback = new MigrationRollbackViewModel(this.jobs, dialogs, selected, this::showPreview);
    this.project = new MigrationProjectViewModel(this.jobs);
    this.newMigration = new NewMigrationViewModel(this.jobs, rows, selected);
    this.jobs.onReread(this::showReread);
    this.activeListener = active -> fx.execute(() -> follow(active));
    profiles.addActiveListener(activeListener);
    selected.addListener(
        (observable, previous, row) -> {
          if (row != null && (previous == null || !previous.key().equals(row.key()))) {
            showScript(row);
          }
        });
    follow(profiles.active());
  }

  /** Migrate, dry run, validate, repair, baseline and clean. */
  public MigrationHistoryViewModel history() {
    return history;
  }

  /** Roll back and verify the rollback of the selected migration. */
  public MigrationRollbackViewModel rollback() {
    return rollback;
  }

  /** The project the profile follows and its editor. */
  public MigrationProjectViewModel project() {
    return project;
  }

  /** The new-migration form. */
  public NewMigrationViewModel newMigration() {
    return newMigration;
  }

  /**
   * A group matrix on the same services, for the view's Group matrix tab; whoever takes it closes
   * it.
   */
  public MigrationMatrixViewModel newMatrixViewModel() {
    return new MigrationMatrixViewModel(profiles, migrations, background, fx);
  }

  // Properties the view binds to.

  public ObservableList<MigrationEntry> rows() {
    return rows;
  }

  public ObjectProperty<MigrationEntry> selectedProperty() {
    return selected;
  }

  /** What each operation reported while it ran, oldest first, each with the time. */
  public ObservableList<String> activity() {
    return jobs.activity();
  }

  /** True while an operation runs; every button waits for it. */
  public ReadOnlyBooleanProperty busyProperty() {
    return jobs.jobs().busyProperty();
  }

  /** The profile in words: "Local SQLite · SQLite · Development". */
  public ReadOnlyStringProperty profileLineProperty() {
    return profileLine.getReadOnlyProperty();
  }

  /** "version 1", "no version yet", or "reading…" before the first read. */
  public ReadOnlyStringProperty versionLineProperty() {
    return versionLine.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty appliedProperty() {
    return applied.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty pendingProperty() {
    return pending.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }

  /** The whole header line: profile, version and counts. */
  public ReadOnlyStringProperty headerProperty() {
    return header.getReadOnlyProperty();
  }

  /**
   * The database's table count and size, as {@code clipdeck info} and the dashboard show them:
   * "Database: 7 tables, 96.0 KB"; empty before the first read or when the database cannot say.
   */
  public ReadOnlyStringProperty databaseLineProperty() {
    return databaseLine.getReadOnlyProperty();
  }

  /** What the preview pane shows: a migration's scripts, or the SQL of a dry run. */
  public ReadOnlyStringProperty previewTitleProperty() {
    return previewTitle.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty previewProperty() {
    return preview.getReadOnlyProperty();
  }

  /** The outcome of the last operation, or its failure in full. */
  public ReadOnlyStringProperty statusProperty() {
    return jobs.jobs().statusProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return jobs.jobs().statusIsErrorProperty();
  }

  // Visibility.

  /** The view came on screen: read the migrations (the database may have moved on meanwhile). */
  public void shown() {
    jobs.visible(true);
    jobs.refreshQuietly();
  }

  public void hidden() {
    jobs.visible(false);
  }

  /** Rereads the table. */
  public void refresh() {
    ConnectionProfile target = jobs.profile();
    jobs.run(
        "Reading the migrations of " + target.name(),
        service -> null,
        (nothing, migrationStatus) ->
            jobs.report(
                "Read "
                    + migrationStatus.rows().size()
                    + " migrations of "
                    + target.name()
                    + " at "
                    + LocalTime.now(clock).format(CLOCK_TIME)
                    + ".",
                false));
  }

  /** The active profile changed: show its name at once, its migrations when read. */
  private void follow(ConnectionProfile active) {
    ConnectionProfile profile = jobs.profile();
    if (profile != null && profile.equals(active) && loaded) {
      return;
    }
    boolean changed = profile == null || !profile.name().equals(active.name());
    jobs.profile(active);
    history.follow(active);
    profileLine.set(
        active.name()
            + " · "
            + active.kind().displayName()
            + " · "
            + capitalised(active.environment().name()));
    if (changed) {
      loaded = false;
      project.forget();
      rows.clear();
      selected.set(null);
      applied.set(0);
      pending.set(0);
      failed.set(0);
      versionLine.set("reading…");
      databaseLine.set("");
      showPreview("SQL preview", "");
      updateHeader();
      if (jobs.visible()) {
        jobs.refreshQuietly();
      }
    }
  }

  /** What an operation's reread brought: the project, the database's size and the table. */
  private void showReread(MigrationJobs.Reread read) {
    project.show(read.project());
    databaseLine.set(read.database().map(MigrationsViewModel::databaseLine).orElse(""));
    if (read.after() != null) {
      show(read.after());
    }
  }

  private void show(MigrationStatus migrationStatus) {
    loaded = true;
    String selectedKey = selected.get() == null ? null : selected.get().key();
    rows.setAll(migrationStatus.rows().stream().map(this::toEntry).toList());
    applied.set((int) migrationStatus.applied());
    pending.set((int) migrationStatus.pending());
    failed.set((int) migrationStatus.failed());
    versionLine.set(
        migrationStatus
            .currentVersion()
            .map(version -> "version " + version)
            .orElse("no version yet"));
    updateHeader();
    MigrationEntry again =
        rows.stream().filter(entry -> entry.key().equals(selectedKey)).findFirst().orElse(null);
    selected.set(again);
  }

  /** "Database: 7 tables, 96.0 KB", in the dashboard's units. */
  static String databaseLine(DatabaseInfo database) {
    return "Database: "
        + database.tableCount()
        + (database.tableCount() == 1 ? " table, " : " tables, ")
        + Format.bytes(database.sizeBytes());
  }

  private void updateHeader() {
    header.set(
        profileLine.get()
            + " — "
            + versionLine.get()
            + " · "
            + applied.get()
            + " applied · "
            + pending.get()
            + " pending · "
            + failed.get()
            + " failed");
  }

  /** Reads the selected migration's scripts into the preview, off the FX thread. */
  private void showScript(MigrationEntry row) {
    ConnectionProfile on = jobs.profile();
    scriptRead.run(
        "Reading the scripts of " + row.label(),
        () -> MigrationScripts.preview(migrations.apply(on).locations(), row),
        (text, error) ->
            setPreview(row.label(), error == null ? text : "-- " + error.getMessage()));
  }

  /** Shows a preview; a script still being read does not replace it. */
  private void showPreview(String title, String text) {
    scriptRead.cancel();
    setPreview(title, text);
  }

  private void setPreview(String title, String text) {
    previewTitle.set(title);
    preview.set(text);
  }

  private MigrationEntry toEntry(MigrationRow row) {
    return new MigrationEntry(
        row.version(),
        row.description(),
        row.state(),
        row.installedOn()
            .map(instant -> INSTALLED_ON.format(instant.atZone(clock.getZone())))
            .orElse(""),
        row.executionMillis().map(millis -> millis + " ms").orElse(""),
        row.downScript(),
        row.script() == null ? "" : row.script());
  }

  private static String capitalised(String constant) {
    return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    profiles.removeActiveListener(activeListener);
  }
}
