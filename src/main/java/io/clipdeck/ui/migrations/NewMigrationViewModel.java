package io.clipdeck.ui.migrations;

import io.clipdeck.db.ConnectionProfile;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

/**
 * The new-migration form: written into the profile's migrations folder, where it is pending until
 * migrated, and selected in the table once reread.
 */
public final class NewMigrationViewModel {

  private final MigrationJobs jobs;
  private final ObservableList<MigrationEntry> rows;
  private final ObjectProperty<MigrationEntry> selected;
  private final MigrationForm form = new MigrationForm();
  private final BooleanProperty editorOpen = new SimpleBooleanProperty(false);

  NewMigrationViewModel(
      MigrationJobs jobs,
      ObservableList<MigrationEntry> rows,
      ObjectProperty<MigrationEntry> selected) {
    this.jobs = jobs;
    this.rows = rows;
    this.selected = selected;
  }

  public MigrationForm form() {
    return form;
  }

  /** True while the form is on screen. */
  public BooleanProperty editorOpenProperty() {
    return editorOpen;
  }

  /** Opens an empty form. */
  public void open() {
    form.clear();
    editorOpen.set(true);
  }

  public void cancel() {
    editorOpen.set(false);
  }

  /** Writes the form's migration into the profile's folder; it is pending until migrated. */
  public void create() {
    String name = form.name.get().strip();
    String description = form.description.get().strip();
    String up = form.upSql.get();
    String down = form.downSql.get();
    if (name.isEmpty()) {
      jobs.report(
          "Name the migration: letters, digits and underscores, e.g. add_user_preferences.", true);
      return;
    }
    if (up.isBlank()) {
      jobs.report("Type the up SQL of " + name + ".", true);
      return;
    }
    ConnectionProfile on = jobs.profile();
    jobs.run(
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
          jobs.report(
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
}
