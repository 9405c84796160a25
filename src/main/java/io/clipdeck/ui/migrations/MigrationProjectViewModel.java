package io.clipdeck.ui.migrations;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.migrate.FlywayConfigFile;
import io.clipdeck.migrate.MigrationProject;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The migration project the active profile follows (Clipdeck's own schema or a project's folders),
 * and its editor: locations and history table typed or imported from a Flyway configuration file,
 * then saved for the profile.
 */
public final class MigrationProjectViewModel {

  private final MigrationJobs jobs;
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final StringProperty locations = new SimpleStringProperty("");
  private final StringProperty table = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper clipdeckSchema = new ReadOnlyBooleanWrapper(true);

  /**
   * The project the editor's other settings come from (placeholders, baseline, …): the profile's,
   * or the one last imported from a Flyway configuration file.
   */
  private MigrationProject base = MigrationProject.clipdeckSchema();

  /** Whether the editor holds changes not saved yet (then a reread does not overwrite them). */
  private boolean edited;

  MigrationProjectViewModel(MigrationJobs jobs) {
    this.jobs = jobs;
  }

  /** The project the profile follows, in a line: "Clipdeck's built-in schema" or its folders. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** The editor's locations, one a line, as Flyway writes them or as plain folders. */
  public StringProperty locationsProperty() {
    return locations;
  }

  /** The editor's history table. */
  public StringProperty tableProperty() {
    return table;
  }

  /** True while the profile follows Clipdeck's own schema. */
  public ReadOnlyBooleanProperty clipdeckSchemaProperty() {
    return clipdeckSchema.getReadOnlyProperty();
  }

  /**
   * Fills the editor from a project's own {@code flyway.conf} or {@code flyway.toml} (read on a
   * worker); nothing is saved until {@link #save}.
   */
  public void importConfig(Path file) {
    jobs.read(
        "Reading " + file,
        () -> FlywayConfigFile.read(file),
        (imported, error) -> {
          if (error != null) {
            jobs.report("Cannot import " + file + ": " + error.getMessage(), true);
            return;
          }
          base = imported;
          fill(imported);
          edited = true;
          jobs.report(
              "Imported "
                  + imported.summary()
                  + " from "
                  + file
                  + ": check it and press Save project.",
              false);
        });
  }

  /**
   * Saves the editor's project for the active profile (its locations and table, the rest from the
   * profile's project or the imported file) and reads the migrations it has.
   */
  public void save() {
    List<String> folders =
        locations.get().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    MigrationProject project;
    try {
      MigrationProject from =
          base.builtIn() ? MigrationProject.of(folders) : base.withLocations(folders);
      project = from.withTable(table.get());
    } catch (IllegalArgumentException e) {
      jobs.report("Not saved: " + e.getMessage() + ".", true);
      return;
    }
    ConnectionProfile on = jobs.profile();
    jobs.run(
        "Saving the migration project of " + on.name(),
        service -> service.saveProject(project),
        (saved, after) -> {
          edited = false;
          jobs.report(
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
    ConnectionProfile on = jobs.profile();
    jobs.run(
        "Choosing Clipdeck's schema for " + on.name(),
        service -> service.saveProject(MigrationProject.clipdeckSchema()),
        (saved, after) -> {
          edited = false;
          jobs.report(on.name() + " now follows Clipdeck's built-in schema.", false);
        });
  }

  /** The project as read with the migrations; the editor follows unless it holds changes. */
  void show(MigrationProject project) {
    if (project == null) {
      return;
    }
    summary.set(project.summary());
    clipdeckSchema.set(project.builtIn());
    if (!edited) {
      base = project;
      fill(project);
    }
  }

  /** Another profile became active: its project replaces whatever the editor held. */
  void forget() {
    edited = false;
  }

  private void fill(MigrationProject project) {
    locations.set(String.join("\n", project.locations()));
    table.set(project.builtIn() ? "" : project.table());
  }
}
