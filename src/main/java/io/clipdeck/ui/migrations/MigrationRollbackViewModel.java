package io.clipdeck.ui.migrations;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.RollbackPlan;
import io.clipdeck.ui.fx.DialogService;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;

/**
 * Rolling back the selected migration (with the ones applied after it when it cannot go alone) and
 * verifying its rollback on a scratch database. What goes is the plan the migration service works
 * out ({@link MigrationService#rollbackPlan}), read on a worker before anything is asked.
 */
public final class MigrationRollbackViewModel {

  private final MigrationJobs jobs;
  private final DialogService dialogs;
  private final ObjectProperty<MigrationEntry> selected;

  /** Shows a title and a text in the preview pane. */
  private final BiConsumer<String, String> showPreview;

  private final BooleanBinding canRollBackSelected;
  private final BooleanBinding canVerifySelected;

  MigrationRollbackViewModel(
      MigrationJobs jobs,
      DialogService dialogs,
      ObjectProperty<MigrationEntry> selected,
      BiConsumer<String, String> showPreview) {
    this.jobs = jobs;
    this.dialogs = dialogs;
    this.selected = selected;
    this.showPreview = showPreview;
    var busy = jobs.jobs().busyProperty();
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
  }

  public BooleanBinding canRollBackSelectedProperty() {
    return canRollBackSelected;
  }

  public BooleanBinding canVerifySelectedProperty() {
    return canVerifySelected;
  }

  /**
   * Rolls back the selected migration after asking: whether the migrations applied after it go too
   * (it cannot go alone), and on a Production profile its name, typed.
   */
  public void rollBackSelected() {
    MigrationEntry row = selected.get();
    if (row == null || !row.applied() || row.version().isEmpty()) {
      jobs.report("Select an applied versioned migration to roll it back.", true);
      return;
    }
    if (jobs.busy()) {
      return;
    }
    ConnectionProfile on = jobs.profile();
    jobs.read(
        "Planning the rollback of " + row.label(),
        () -> jobs.service(on).rollbackPlan(row.version()),
        (plan, error) -> {
          if (error != null) {
            jobs.report("Cannot roll back " + row.label() + ": " + error.getMessage(), true);
          } else {
            confirmAndRollBack(on, row, plan);
          }
        });
  }

  /** Asks what the plan needs asked, then starts the rollback. */
  private void confirmAndRollBack(
      ConnectionProfile on, MigrationEntry row, RollbackPlan rollbackPlan) {
    List<String> later = rollbackPlan.later().stream().map(entry -> "V" + entry.version()).toList();
    boolean withLater = !later.isEmpty();
    List<String> plan = rollbackPlan.versions();
    if (withLater && !confirmWithLater(row, later, plan)) {
      return;
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
        return;
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
        return;
      }
      typedName = "";
    }
    jobs.start(
        "Rolling back " + String.join(", ", plan) + " on " + on.name(),
        service -> {
          jobs.progress("Running the down scripts of " + String.join(", ", plan) + "…");
          return service.rollback(row.version(), withLater, typedName);
        },
        (undone, after) ->
            jobs.report(
                "Rolled back "
                    + MigrationJobs.versions(undone)
                    + " on "
                    + on.name()
                    + (undone.size() == 1 ? "; it is pending again" : "; they are pending again")
                    + "; now "
                    + after.currentVersion().map(v -> "at version " + v).orElse("at no version")
                    + ".",
                false));
  }

  /** Whether the later migrations may go too; when not, says why nothing was rolled back. */
  private boolean confirmWithLater(MigrationEntry row, List<String> later, List<String> plan) {
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
      jobs.report(
          "Not rolled back: "
              + row.label()
              + " cannot be rolled back alone while "
              + String.join(", ", later)
              + (later.size() == 1 ? " is" : " are")
              + " applied after it. Roll those back first, or agree to roll them back"
              + " together.",
          true);
    }
    return together;
  }

  /** Runs up, down and up of the selected migration on a scratch database. */
  public void verifySelected() {
    MigrationEntry row = selected.get();
    if (row == null || row.version().isEmpty()) {
      jobs.report("Select a migration to verify its rollback.", true);
      return;
    }
    ConnectionProfile on = jobs.profile();
    jobs.run(
        "Verifying the rollback of V" + row.version() + " on a scratch copy of " + on.name(),
        service -> {
          jobs.progress("Up, down and up again of V" + row.version() + " on a scratch database…");
          return service.verifyRollback(row.version());
        },
        (differences, after) -> {
          if (differences.isEmpty()) {
            jobs.report(
                "V"
                    + row.version()
                    + ": the down script exactly undoes the up script (up, down, up on a scratch"
                    + " database).",
                false);
          } else {
            String text = String.join("\n", differences);
            showPreview.accept("Rollback of V" + row.version() + " differs", text);
            jobs.report(
                "V" + row.version() + ": the down script does not undo the up script:\n" + text,
                true);
          }
        });
  }
}
