package io.clipdeck.ui.migrations;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseInfo;
import io.clipdeck.db.Environment;
import io.clipdeck.db.ProfileService;
import io.clipdeck.migrate.FlywayConfigFile;
import io.clipdeck.migrate.MigrateOutcome;
import io.clipdeck.migrate.MigrationProject;
import io.clipdeck.migrate.MigrationRow;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.MigrationStatus;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.Format;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The active profile's migrations: their table, migrate (all or to the selected one), a dry run,
 * validate, repair, roll back and verify the rollback of the selected one, and a new migration.
 * Each operation runs as one background job that also rereads the table; results and progress lines
 * come back through {@code fx}. One operation at a time: {@link #busyProperty()} is true while one
 * runs.
 */
public final class MigrationsViewModel implements AutoCloseable {

  /** How many progress lines the activity list keeps. */
  static final int ACTIVITY_LINES = 200;

  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter INSTALLED_ON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final ProfileService profiles;
  private final Function<ConnectionProfile, MigrationService> migrations;
  private final BackgroundJobs jobs;
  private final DialogService dialogs;
  private final Clock clock;
  private final Executor fx;

  private final ObservableList<MigrationEntry> rows = FXCollections.observableArrayList();
  private final ObjectProperty<MigrationEntry> selected = new SimpleObjectProperty<>();
  private final ObservableList<String> activity = FXCollections.observableArrayList();
  private final MigrationForm form = new MigrationForm();
  private final BooleanProperty editorOpen = new SimpleBooleanProperty(false);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper profileLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper versionLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyIntegerWrapper applied = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper databaseLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper previewTitle = new ReadOnlyStringWrapper("SQL preview");
  private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(false);
  private final BooleanBinding canMigrateToSelected;
  private final BooleanBinding canRollBackSelected;
  private final BooleanBinding canVerifySelected;
  private final ReadOnlyBooleanWrapper development = new ReadOnlyBooleanWrapper(false);
  private final BooleanBinding canClean;
  private final Consumer<ConnectionProfile> activeListener;
  private final ReadOnlyStringWrapper projectSummary = new ReadOnlyStringWrapper("");
  private final StringProperty projectLocations = new SimpleStringProperty("");
  private final StringProperty projectTable = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper clipdeckSchema = new ReadOnlyBooleanWrapper(true);

  /**
   * The project the editor's other settings come from (placeholders, baseline, …): the profile's,
   * or the one last imported from a Flyway configuration file.
   */
  private MigrationProject projectBase = MigrationProject.clipdeckSchema();

  /** Whether the editor holds changes not saved yet (then a reread does not overwrite them). */
  private boolean projectEdited;

  /** The profile the table shows; changes with the active profile. */
  private ConnectionProfile profile;

  private boolean visible;
  private boolean loaded;

  /** Counts preview reads, so a slow one never replaces a newer one. */
  private long previewRequests;

  public MigrationsViewModel(
      ProfileService profiles,
      Function<ConnectionProfile, MigrationService> migrations,
      BackgroundJobs jobs,
      DialogService dialogs,
      Clock clock,
      Executor fx) {
    this.profiles = profiles;
    this.migrations = migrations;
    this.jobs = jobs;
    this.dialogs = dialogs;
    this.clock = clock;
    this.fx = fx;
    this.canMigrateToSelected =
        Bindings.createBooleanBinding(
            () -> !busy.get() && selected.get() != null && selected.get().pending(),
            busy,
            selected);
    this.canRollBackSelected =
        Bindings.createBooleanBinding(
            () ->
                !busy.get()
                    && selected.get() != null
                    && selected.get().applied()
                    && !selected.get().version().isEmpty(),
            busy,
            selected);
    this.canVerifySelected =
        Bindings.createBooleanBinding(
            () -> !busy.get() && selected.get() != null && !selected.get().version().isEmpty(),
            busy,
            selected);
    this.canClean =
        Bindings.createBooleanBinding(() -> !busy.get() && development.get(), busy, development);
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

  // Properties the view binds to.

  public ObservableList<MigrationEntry> rows() {
    return rows;
  }

  public ObjectProperty<MigrationEntry> selectedProperty() {
    return selected;
  }

  /** What each operation reported while it ran, oldest first, each with the time. */
  public ObservableList<String> activity() {
    return activity;
  }

  public MigrationForm form() {
    return form;
  }

  /** True while the new-migration form is on screen. */
  public BooleanProperty editorOpenProperty() {
    return editorOpen;
  }

  /** True while an operation runs; every button waits for it. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
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
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return statusIsError.getReadOnlyProperty();
  }

  public BooleanBinding canMigrateToSelectedProperty() {
    return canMigrateToSelected;
  }

  public BooleanBinding canRollBackSelectedProperty() {
    return canRollBackSelected;
  }

  public BooleanBinding canVerifySelectedProperty() {
    return canVerifySelected;
  }

  /** Baselining at a version is offered for a pending migration, as migrate to it is. */
  public BooleanBinding canBaselineToSelectedProperty() {
    return canMigrateToSelected;
  }

  /** Clean is only for Development profiles. */
  public BooleanBinding canCleanProperty() {
    return canClean;
  }

  /** The project the profile follows, in a line: "Clipdeck's built-in schema" or its folders. */
  public ReadOnlyStringProperty projectSummaryProperty() {
    return projectSummary.getReadOnlyProperty();
  }

  /** The project editor's locations, one a line, as Flyway writes them or as plain folders. */
  public StringProperty projectLocationsProperty() {
    return projectLocations;
  }

  /** The project editor's history table. */
  public StringProperty projectTableProperty() {
    return projectTable;
  }

  /** True while the profile follows Clipdeck's own schema. */
  public ReadOnlyBooleanProperty clipdeckSchemaProperty() {
    return clipdeckSchema.getReadOnlyProperty();
  }

  // Visibility.

  /** The view came on screen: read the migrations (the database may have moved on meanwhile). */
  public void shown() {
    visible = true;
    refreshQuietly();
  }

  public void hidden() {
    visible = false;
  }

  // Operations.

  /** Rereads the table. */
  public void refresh() {
    ConnectionProfile target = profile;
    run(
        "Reading the migrations of " + target.name(),
        service -> null,
        (nothing, migrationStatus) ->
            report(
                "Read "
                    + migrationStatus.rows().size()
                    + " migrations of "
                    + target.name()
                    + " at "
                    + LocalTime.now(clock).format(CLOCK_TIME)
                    + ".",
                false));
  }

  /** Applies every pending migration. */
  public void migrate() {
    migrate(Optional.empty());
  }

  /** Applies the pending migrations up to the selected one. */
  public void migrateToSelected() {
    MigrationEntry row = selected.get();
    if (row == null || !row.pending()) {
      report("Select a pending migration to migrate up to it.", true);
      return;
    }
    migrate(Optional.of(row.version()));
  }

  private void migrate(Optional<String> target) {
    ConnectionProfile on = profile;
    String what = target.map(version -> "up to V" + version).orElse("every pending migration");
    if (MigrationService.needsTypedName(on)
        && !dialogs.confirm(
            "Migrate a Production profile",
            on.name() + " is a Production database. Apply " + what + "?",
            "Migrate")) {
      return;
    }
    run(
        "Migrating " + on.name() + target.map(version -> " to V" + version).orElse(""),
        service -> service.migrate(target, this::progress),
        (outcome, after) -> reportMigrate(on, outcome));
  }

  private void reportMigrate(ConnectionProfile on, MigrateOutcome outcome) {
    if (outcome.failure().isPresent()) {
      String text = outcome.failure().get().describe();
      report(text, true);
      showPreview("Why the migration failed", text);
    } else if (outcome.applied().isEmpty()) {
      report(
          "Nothing to migrate: "
              + on.name()
              + outcome
                  .versionNow()
                  .map(version -> " is at version " + version)
                  .orElse(" is up to date")
              + ".",
          false);
    } else {
      report(
          "Migrated "
              + on.name()
              + outcome.versionNow().map(version -> " to version " + version).orElse("")
              + ": applied "
              + versions(outcome.applied())
              + ".",
          false);
    }
  }

  /** Shows the SQL migrate would run, without running it. */
  public void dryRun() {
    ConnectionProfile on = profile;
    run(
        "Dry run of migrate on " + on.name(),
        service -> service.dryRunMigrate(Optional.empty()),
        (sql, after) -> {
          showPreview("Dry run: the SQL migrate would run on " + on.name(), sql);
          report(
              after.pending() == 0
                  ? "Dry run: nothing to migrate on " + on.name() + "."
                  : "Dry run: the SQL of "
                      + after.pending()
                      + (after.pending() == 1 ? " pending migration" : " pending migrations")
                      + " is in the preview; nothing was run.",
              false);
        });
  }

  /** Checks the applied migrations against their files. */
  public void validate() {
    ConnectionProfile on = profile;
    run(
        "Validating the migrations of " + on.name(),
        MigrationService::validate,
        (problems, after) -> {
          if (problems.isEmpty()) {
            report(on.name() + ": the migrations agree with their files.", false);
            return;
          }
          problems.forEach(this::say);
          String text = String.join("\n", problems);
          showPreview("Validation problems on " + on.name(), text);
          report(
              problems.size() == 1
                  ? "Not valid: " + problems.getFirst()
                  : "Not valid, " + problems.size() + " problems:\n" + text,
              true);
        });
  }

  /** Repairs Flyway's history (failed entries, checksums); changes no table. */
  public void repair() {
    ConnectionProfile on = profile;
    if (MigrationService.needsTypedName(on)
        && !dialogs.confirm(
            "Repair a Production profile",
            "Repair the migration history of "
                + on.name()
                + "? Repair changes only the history table: it removes failed entries and"
                + " realigns checksums with the files. No other table and no data is changed.",
            "Repair")) {
      return;
    }
    run(
        "Repairing the migration history of " + on.name(),
        MigrationService::repair,
        (done, after) -> report(done, false));
  }

  /**
   * Marks an existing database as being at the selected pending migration: it and every earlier one
   * count as applied, without running them (the tables exist already).
   */
  public void baselineToSelected() {
    MigrationEntry row = selected.get();
    if (row == null || !row.pending()) {
      report("Select the pending migration the existing database is already at.", true);
      return;
    }
    ConnectionProfile on = profile;
    if (!dialogs.confirm(
        "Baseline " + on.name(),
        "Mark "
            + on.name()
            + " as being at "
            + row.label()
            + "? It and the migrations before it will not run; the later ones will.",
        "Baseline")) {
      return;
    }
    run(
        "Baselining " + on.name() + " at V" + row.version(),
        service -> service.baseline(row.version()),
        (done, after) -> report(done, !done.startsWith("Baselined")));
  }

  /** Drops everything in a Development profile's schema, after its name is typed. */
  public void clean() {
    ConnectionProfile on = profile;
    if (on.environment() != Environment.DEVELOPMENT) {
      report("Clean is only for Development profiles; " + on.name() + " is not one.", true);
      return;
    }
    if (!dialogs.confirmByTyping(
        "Clean " + on.name(),
        "This drops every table, view and the migration history of "
            + on.name()
            + ", with all their data.",
        on.name())) {
      return;
    }
    run(
        "Cleaning " + on.name(),
        service -> service.clean(on.name()),
        (done, after) -> report(done, false));
  }

  /**
   * Rolls back the selected migration after asking: whether the migrations applied after it go too
   * (it cannot go alone), and on a Production profile its name, typed. What goes is the plan the
   * migration service computes ({@link MigrationService#rollbackPlan}), read on a worker first.
   */
  public void rollBackSelected() {
    MigrationEntry row = selected.get();
    if (row == null || !row.applied() || row.version().isEmpty()) {
      report("Select an applied versioned migration to roll it back.", true);
      return;
    }
    if (busy.get()) {
      return;
    }
    ConnectionProfile on = profile;
    busy.set(true);
    say("Planning the rollback of " + row.label() + "…");
    jobs.submit(
            "Planning the rollback of " + row.label(),
            () -> migrations.apply(on).rollbackPlan(row.version()))
        .whenComplete(
            (plan, error) ->
                fx.execute(
                    () -> {
                      boolean started = false;
                      try {
                        if (!on.name().equals(profile.name())) {
                          return;
                        }
                        if (error != null) {
                          Throwable cause =
                              error instanceof CompletionException wrapped
                                      && wrapped.getCause() != null
                                  ? wrapped.getCause()
                                  : error;
                          report(
                              "Cannot roll back " + row.label() + ": " + cause.getMessage(), true);
                          return;
                        }
                        started = confirmAndRollBack(on, row, plan);
                      } finally {
                        if (!started) {
                          busy.set(false);
                        }
                      }
                    }));
  }

  /** Asks what the plan needs asked, then starts the rollback; false when it was not started. */
  private boolean confirmAndRollBack(
      ConnectionProfile on, MigrationEntry row, MigrationService.RollbackPlan rollbackPlan) {
    List<String> later = rollbackPlan.later().stream().map(entry -> "V" + entry.version()).toList();
    boolean withLater = !later.isEmpty();
    List<String> plan = rollbackPlan.versions();
    if (withLater) {
      boolean together =
          dialogs.confirm(
              "Roll back later migrations too?",
              row.label()
                  + " cannot be rolled back alone: "
                  + String.join(", ", later)
                  + (later.size() == 1 ? " was" : " were")
                  + " applied after it. Roll back "
                  + String.join(", ", plan)
                  + " together, newest first?",
              "Roll back " + plan.size() + " migrations");
      if (!together) {
        report(
            "Not rolled back: "
                + row.label()
                + " cannot be rolled back alone while "
                + String.join(", ", later)
                + (later.size() == 1 ? " is" : " are")
                + " applied after it. Roll those back first, or agree to roll them back"
                + " together.",
            true);
        return false;
      }
    }
    String typedName;
    if (MigrationService.needsTypedName(on)) {
      if (!dialogs.confirmByTyping(
          "Roll back on a Production profile",
          "This runs the down scripts of "
              + String.join(", ", plan)
              + " on "
              + on.name()
              + " (their tables and data are dropped) and removes them from the history.",
          on.name())) {
        return false;
      }
      typedName = on.name();
    } else {
      if (!withLater
          && !dialogs.confirm(
              "Roll back " + row.label(),
              "Run the down script of "
                  + row.label()
                  + " on "
                  + on.name()
                  + "? What it created is dropped, with its data, and it becomes pending again.",
              "Roll back")) {
        return false;
      }
      typedName = "";
    }
    start(
        "Rolling back " + String.join(", ", plan) + " on " + on.name(),
        service -> {
          progress("Running the down scripts of " + String.join(", ", plan) + "…");
          return service.rollback(row.version(), withLater, typedName);
        },
        (undone, after) ->
            report(
                "Rolled back "
                    + versions(undone)
                    + " on "
                    + on.name()
                    + (undone.size() == 1 ? "; it is pending again" : "; they are pending again")
                    + "; now "
                    + after.currentVersion().map(v -> "at version " + v).orElse("at no version")
                    + ".",
                false));
    return true;
  }

  /** Runs up, down and up of the selected migration on a scratch database. */
  public void verifySelected() {
    MigrationEntry row = selected.get();
    if (row == null || row.version().isEmpty()) {
      report("Select a migration to verify its rollback.", true);
      return;
    }
    ConnectionProfile on = profile;
    run(
        "Verifying the rollback of V" + row.version() + " on a scratch copy of " + on.name(),
        service -> {
          progress("Up, down and up again of V" + row.version() + " on a scratch database…");
          return service.verifyRollback(row.version());
        },
        (differences, after) -> {
          if (differences.isEmpty()) {
            report(
                "V"
                    + row.version()
                    + ": the down script exactly undoes the up script (up, down, up on a scratch"
                    + " database).",
                false);
          } else {
            String text = String.join("\n", differences);
            showPreview("Rollback of V" + row.version() + " differs", text);
            report(
                "V" + row.version() + ": the down script does not undo the up script:\n" + text,
                true);
          }
        });
  }

  /**
   * Fills the project editor from a project's own {@code flyway.conf} or {@code flyway.toml} (read
   * on a worker); nothing is saved until {@link #saveProject}.
   */
  public void importProjectConfig(Path file) {
    ConnectionProfile on = profile;
    busy.set(true);
    say("Reading " + file + "…");
    jobs.submit("Reading " + file, () -> FlywayConfigFile.read(file))
        .whenComplete(
            (imported, error) ->
                fx.execute(
                    () -> {
                      try {
                        if (!on.name().equals(profile.name())) {
                          return;
                        }
                        if (error != null) {
                          Throwable cause =
                              error instanceof CompletionException wrapped
                                      && wrapped.getCause() != null
                                  ? wrapped.getCause()
                                  : error;
                          report("Cannot import " + file + ": " + cause.getMessage(), true);
                          return;
                        }
                        projectBase = imported;
                        fillProjectEditor(imported);
                        projectEdited = true;
                        report(
                            "Imported "
                                + imported.summary()
                                + " from "
                                + file
                                + ": check it and press Save project.",
                            false);
                      } finally {
                        busy.set(false);
                      }
                    }));
  }

  /**
   * Saves the editor's project for the active profile (its locations and table, the rest from the
   * profile's project or the imported file) and reads the migrations it has.
   */
  public void saveProject() {
    List<String> locations =
        projectLocations.get().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    MigrationProject project;
    try {
      MigrationProject base =
          projectBase.builtIn()
              ? MigrationProject.of(locations)
              : projectBase.withLocations(locations);
      project = base.withTable(projectTable.get());
    } catch (IllegalArgumentException e) {
      report("Not saved: " + e.getMessage() + ".", true);
      return;
    }
    ConnectionProfile on = profile;
    run(
        "Saving the migration project of " + on.name(),
        service -> service.saveProject(project),
        (saved, after) -> {
          projectEdited = false;
          report(
              on.name()
                  + " now follows "
                  + project.summary()
                  + ": "
                  + after.rows().size()
                  + " migrations read.",
              false);
        });
  }

  /** Makes the profile follow Clipdeck's own schema again. */
  public void useClipdeckSchema() {
    ConnectionProfile on = profile;
    run(
        "Choosing Clipdeck's schema for " + on.name(),
        service -> service.saveProject(MigrationProject.clipdeckSchema()),
        (saved, after) -> {
          projectEdited = false;
          report(on.name() + " now follows Clipdeck's built-in schema.", false);
        });
  }

  private void showProject(MigrationProject project) {
    if (project == null) {
      return;
    }
    projectSummary.set(project.summary());
    clipdeckSchema.set(project.builtIn());
    if (!projectEdited) {
      projectBase = project;
      fillProjectEditor(project);
    }
  }

  private void fillProjectEditor(MigrationProject project) {
    projectLocations.set(String.join("\n", project.locations()));
    projectTable.set(project.builtIn() ? "" : project.table());
  }

  /** Opens an empty new-migration form. */
  public void newMigration() {
    form.clear();
    editorOpen.set(true);
  }

  public void cancelNewMigration() {
    editorOpen.set(false);
  }

  /** Writes the form's migration into the profile's folder; it is pending until migrated. */
  public void createMigration() {
    String name = form.name.get().strip();
    String description = form.description.get().strip();
    String up = form.upSql.get();
    String down = form.downSql.get();
    if (name.isEmpty()) {
      report(
          "Name the migration: letters, digits and underscores, e.g. add_user_preferences.", true);
      return;
    }
    if (up.isBlank()) {
      report("Type the up SQL of " + name + ".", true);
      return;
    }
    ConnectionProfile on = profile;
    run(
        "Creating the migration " + name + " for " + on.name(),
        service -> service.create(name, description, up, down),
        (written, after) -> {
          form.clear();
          editorOpen.set(false);
          String file = written.getFirst().getFileName().toString();
          rows.stream()
              .filter(entry -> Path.of(entry.script()).getFileName().toString().equals(file))
              .findFirst()
              .ifPresent(selected::set);
          report(
              "Created "
                  + file
                  + " (pending): up script "
                  + written.get(0)
                  + ", down script "
                  + written.get(1)
                  + (down.isBlank()
                      ? ". It has no down SQL: write the statements that undo it there before"
                          + " rolling it back."
                      : "."),
              down.isBlank());
        });
  }

  // Machinery.

  /** Work on the profile's migration service; runs on a worker. */
  @FunctionalInterface
  private interface Work<T> {
    T apply(MigrationService service) throws Exception;
  }

  /** What a finished operation reports, with the table as reread after it. */
  @FunctionalInterface
  private interface Done<T> {
    void accept(T result, MigrationStatus after);
  }

  /**
   * What a job brings back: the result or the failure of the work, and the table reread after it
   * (or why it could not be).
   */
  private record Outcome<T>(
      T result,
      Exception failure,
      MigrationStatus after,
      Exception rereadFailure,
      MigrationProject project,
      Optional<DatabaseInfo> database) {}

  private void refreshQuietly() {
    if (!busy.get()) {
      ConnectionProfile target = profile;
      run("Reading the migrations of " + target.name(), service -> null, (nothing, after) -> {});
    }
  }

  private <T> void run(String job, Work<T> work, Done<T> done) {
    if (busy.get()) {
      return;
    }
    start(job, work, done);
  }

  /** Runs a job, busy or not (a step of an operation that holds busy already). */
  private <T> void start(String job, Work<T> work, Done<T> done) {
    ConnectionProfile target = profile;
    boolean quiet = job.startsWith("Reading");
    busy.set(true);
    say(job + "…");
    if (!quiet) {
      report(job + "…", false);
    }
    jobs.submit(job, () -> attempt(target, work))
        .whenComplete(
            (outcome, error) ->
                fx.execute(
                    () -> {
                      try {
                        if (target.name().equals(profile.name())) {
                          apply(job, quiet, outcome, error, done);
                        }
                        // Else the active profile changed meanwhile: what came back is stale.
                      } finally {
                        // Last, so whoever waits for "not busy" sees the outcome.
                        busy.set(false);
                        if (!target.name().equals(profile.name()) && visible) {
                          refreshQuietly();
                        }
                      }
                    }));
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
      return new Outcome<>(result, failure, after, null, project, now.databaseInfo());
    } catch (RuntimeException e) {
      return new Outcome<>(result, failure, null, e, project, service.databaseInfo());
    }
  }

  private <T> void apply(
      String job, boolean quiet, Outcome<T> outcome, Throwable error, Done<T> done) {
    Throwable failure = error != null ? error : outcome.failure();
    if (failure instanceof CompletionException wrapped && wrapped.getCause() != null) {
      failure = wrapped.getCause();
    }
    if (outcome != null) {
      showProject(outcome.project());
      databaseLine.set(outcome.database().map(MigrationsViewModel::databaseLine).orElse(""));
    }
    if (outcome != null && outcome.after() != null) {
      show(outcome.after());
    } else if (outcome != null) {
      say("Could not reread the migrations: " + outcome.rereadFailure().getMessage());
    }
    if (failure != null) {
      String message = job + " failed: " + failure.getMessage();
      say(message);
      report(message, true);
      return;
    }
    done.accept(
        outcome.result(),
        outcome.after() == null
            ? new MigrationStatus(List.of(), Optional.empty())
            : outcome.after());
    if (outcome.after() != null) {
      // A run that died mid-script outranks whatever this job had to say: nothing may migrate
      // until the user has looked.
      outcome.after().interrupted().ifPresent(mark -> report(mark.describe(), true));
    } else {
      // The work went through but the migrations cannot be read (a placeholder without a value,
      // a folder that is gone): that is what the user must fix next.
      report(
          status.get()
              + (status.get().isEmpty() ? "" : "\n")
              + "Cannot read the migrations of "
              + profile.name()
              + ": "
              + outcome.rereadFailure().getMessage(),
          true);
    }
    if (!quiet || statusIsError.get()) {
      say(status.get().lines().findFirst().orElse(""));
    }
  }

  /** The active profile changed: show its name at once, its migrations when read. */
  private void follow(ConnectionProfile active) {
    if (profile != null && profile.equals(active) && loaded) {
      return;
    }
    boolean changed = profile == null || !profile.name().equals(active.name());
    profile = active;
    development.set(active.environment() == Environment.DEVELOPMENT);
    profileLine.set(
        active.name()
            + " · "
            + active.kind().displayName()
            + " · "
            + capitalised(active.environment().name()));
    if (changed) {
      loaded = false;
      projectEdited = false;
      rows.clear();
      selected.set(null);
      applied.set(0);
      pending.set(0);
      failed.set(0);
      versionLine.set("reading…");
      databaseLine.set("");
      showPreview("SQL preview", "");
      updateHeader();
      if (visible) {
        refreshQuietly();
      }
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
    long request = ++previewRequests;
    ConnectionProfile on = profile;
    jobs.submit(
            "Reading the scripts of " + row.label(),
            () -> MigrationScripts.preview(migrations.apply(on).locations(), row))
        .whenComplete(
            (text, error) ->
                fx.execute(
                    () -> {
                      if (request != previewRequests) {
                        return;
                      }
                      if (error != null) {
                        Throwable cause =
                            error instanceof CompletionException ? error.getCause() : error;
                        showPreview(row.label(), "-- " + cause.getMessage());
                      } else {
                        showPreview(row.label(), text);
                      }
                    }));
  }

  private void showPreview(String title, String text) {
    // A newer preview wins over a script still being read.
    previewRequests++;
    previewTitle.set(title);
    preview.set(text);
  }

  /** A progress line from a worker. */
  private void progress(String line) {
    fx.execute(() -> say(line));
  }

  private void say(String line) {
    activity.add(LocalTime.now(clock).format(CLOCK_TIME) + "  " + line);
    if (activity.size() > ACTIVITY_LINES) {
      activity.remove(0, activity.size() - ACTIVITY_LINES);
    }
  }

  private void report(String message, boolean error) {
    status.set(message);
    statusIsError.set(error);
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

  private static String versions(List<String> versions) {
    return String.join(
        ", ",
        versions.stream()
            .map(version -> version.startsWith("R ") ? version : "V" + version)
            .toList());
  }

  private static String capitalised(String constant) {
    return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    profiles.removeActiveListener(activeListener);
  }

  /**
   * A group matrix on the same services, for the view's Group matrix tab; whoever takes it closes
   * it.
   */
  public MigrationMatrixViewModel newMatrixViewModel() {
    return new MigrationMatrixViewModel(profiles, migrations, jobs, fx);
  }
}
