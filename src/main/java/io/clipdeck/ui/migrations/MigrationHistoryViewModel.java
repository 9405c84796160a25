package io.clipdeck.ui.migrations;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Environment;
import io.clipdeck.migrate.MigrateOutcome;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.ui.fx.DialogService;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The operations that move the active profile's migration history: migrate (all or up to the
 * selected one), a dry run, validate, repair, baseline at the selected one and clean, each asking
 * first where the profile's environment wants it.
 */
public final class MigrationHistoryViewModel {

  private final MigrationJobs jobs;
  private final DialogService dialogs;
  private final ObjectProperty<MigrationEntry> selected;

  /** Shows a title and a text in the preview pane. */
  private final BiConsumer<String, String> showPreview;

  private final ReadOnlyBooleanWrapper development = new ReadOnlyBooleanWrapper(false);
  private final BooleanBinding canMigrateToSelected;
  private final BooleanBinding canClean;

  MigrationHistoryViewModel(
      MigrationJobs jobs,
      DialogService dialogs,
      ObjectProperty<MigrationEntry> selected,
      BiConsumer<String, String> showPreview) {
    this.jobs = jobs;
    this.dialogs = dialogs;
    this.selected = selected;
    this.showPreview = showPreview;
    var busy = jobs.jobs().busyProperty();
    this.canMigrateToSelected =
        Bindings.createBooleanBinding(
            () -> !busy.get() && selected.get() != null && selected.get().pending(),
            busy,
            selected);
    this.canClean =
        Bindings.createBooleanBinding(() -> !busy.get() && development.get(), busy, development);
  }

  public BooleanBinding canMigrateToSelectedProperty() {
    return canMigrateToSelected;
  }

  /** Baselining at a version is offered for a pending migration, as migrate to it is. */
  public BooleanBinding canBaselineToSelectedProperty() {
    return canMigrateToSelected;
  }

  /** Clean is only for Development profiles. */
  public BooleanBinding canCleanProperty() {
    return canClean;
  }

  /** The active profile changed: clean follows its environment. */
  void follow(ConnectionProfile active) {
    development.set(active.environment() == Environment.DEVELOPMENT);
  }

  /** Applies every pending migration. */
  public void migrate() {
    migrate(Optional.empty());
  }

  /** Applies the pending migrations up to the selected one. */
  public void migrateToSelected() {
    MigrationEntry row = selected.get();
    if (row == null || !row.pending()) {
      jobs.report("Select a pending migration to migrate up to it.", true);
      return;
    }
    migrate(Optional.of(row.version()));
  }

  private void migrate(Optional<String> target) {
    ConnectionProfile on = jobs.profile();
    String what = target.map(version -> "up to V" + version).orElse("every pending migration");
    if (MigrationService.needsTypedName(on)
        && !dialogs.confirm(
            "Migrate a Production profile",
            on.name() + " is a Production database. Apply " + what + "?",
            "Migrate")) {
      return;
    }
    jobs.run(
        "Migrating " + on.name() + target.map(version -> " to V" + version).orElse(""),
        service -> service.migrate(target, jobs::progress),
        (outcome, after) -> reportMigrate(on, outcome));
  }

  private void reportMigrate(ConnectionProfile on, MigrateOutcome outcome) {
    if (outcome.failure().isPresent()) {
      String text = outcome.failure().get().describe();
      jobs.report(text, true);
      showPreview.accept("Why the migration failed", text);
    } else if (outcome.applied().isEmpty()) {
      jobs.report(
          "Nothing to migrate: "
              + on.name()
              + outcome
                  .versionNow()
                  .map(version -> " is at version " + version)
                  .orElse(" is up to date")
              + ".",
          false);
    } else {
      jobs.report(
          "Migrated "
              + on.name()
              + outcome.versionNow().map(version -> " to version " + version).orElse("")
              + ": applied "
              + MigrationJobs.versions(outcome.applied())
              + ".",
          false);
    }
  }

  /** Shows the SQL migrate would run, without running it. */
  public void dryRun() {
    ConnectionProfile on = jobs.profile();
    jobs.run(
        "Dry run of migrate on " + on.name(),
        service -> service.dryRunMigrate(Optional.empty()),
        (sql, after) -> {
          showPreview.accept("Dry run: the SQL migrate would run on " + on.name(), sql);
          jobs.report(
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
    ConnectionProfile on = jobs.profile();
    jobs.run(
        "Validating the migrations of " + on.name(),
        MigrationService::validate,
        (problems, after) -> {
          if (problems.isEmpty()) {
            jobs.report(on.name() + ": the migrations agree with their files.", false);
            return;
          }
          problems.forEach(jobs::say);
          String text = String.join("\n", problems);
          showPreview.accept("Validation problems on " + on.name(), text);
          jobs.report(
              problems.size() == 1
                  ? "Not valid: " + problems.getFirst()
                  : "Not valid, " + problems.size() + " problems:\n" + text,
              true);
        });
  }

  /** Repairs Flyway's history (failed entries, checksums); changes no table. */
  public void repair() {
    ConnectionProfile on = jobs.profile();
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
    jobs.run(
        "Repairing the migration history of " + on.name(),
        MigrationService::repair,
        (done, after) -> jobs.report(done, false));
  }

  /**
   * Marks an existing database as being at the selected pending migration: it and every earlier one
   * count as applied, without running them (the tables exist already).
   */
  public void baselineToSelected() {
    MigrationEntry row = selected.get();
    if (row == null || !row.pending()) {
      jobs.report("Select the pending migration the existing database is already at.", true);
      return;
    }
    ConnectionProfile on = jobs.profile();
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
    jobs.run(
        "Baselining " + on.name() + " at V" + row.version(),
        service -> service.baseline(row.version()),
        (done, after) -> jobs.report(done, !done.startsWith("Baselined")));
  }

  /** Drops everything in a Development profile's schema, after its name is typed. */
  public void clean() {
    ConnectionProfile on = jobs.profile();
    if (on.environment() != Environment.DEVELOPMENT) {
      jobs.report("Clean is only for Development profiles; " + on.name() + " is not one.", true);
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
    jobs.run(
        "Cleaning " + on.name(),
        service -> service.clean(on.name()),
        (done, after) -> jobs.report(done, false));
  }
}
