package io.clipdeck.ui.migrations;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.ProfileService;
import io.clipdeck.migrate.MigrationMatrix;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.ui.fx.ViewJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The migrations of a failover group's members side by side: one row per migration (Flyway's order,
 * repeatable ones last), one column per member, checksum drift marked. Read on demand, on a worker,
 * through {@link MigrationMatrix#ofGroup} as {@code clipdeck info --group} reads it.
 */
public final class MigrationMatrixViewModel implements AutoCloseable {

  /** What the tab says while there is no group to show. */
  static final String NO_GROUPS =
      "No failover groups yet. Make one in Profiles → Failover groups (a primary and at least one"
          + " failover member), then pick it here to compare the members' migrations.";

  private final ProfileService profiles;
  private final Function<ConnectionProfile, MigrationService> migrations;
  private final ViewJobs jobs;
  private final ViewJobs.Latest read;
  private final Runnable changeListener;

  private final ObservableList<String> groups = FXCollections.observableArrayList();
  private final StringProperty group = new SimpleStringProperty();
  private final ObservableList<String> members = FXCollections.observableArrayList();
  private final ObservableList<MatrixRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper problem = new ReadOnlyBooleanWrapper(false);

  public MigrationMatrixViewModel(
      ProfileService profiles,
      Function<ConnectionProfile, MigrationService> migrations,
      BackgroundJobs jobs,
      Executor fx) {
    this.profiles = profiles;
    this.migrations = migrations;
    this.jobs = new ViewJobs(jobs, fx);
    // A newer read (or a cleared matrix) drops the result of the one before.
    this.read = this.jobs.latest();
    this.changeListener = () -> fx.execute(this::reloadGroups);
    profiles.addChangeListener(changeListener);
    group.addListener(
        (observable, previous, now) -> {
          if (now == null || !now.equals(previous)) {
            clear();
          }
        });
    reloadGroups();
  }

  /** The failover groups' names, as the profiles keep them. */
  public ObservableList<String> groups() {
    return groups;
  }

  /** The group the matrix shows; the first one until another is picked. */
  public StringProperty groupProperty() {
    return group;
  }

  /** The column headers: the group's members, primary first. */
  public ObservableList<String> members() {
    return members;
  }

  public ObservableList<MatrixRow> rows() {
    return rows;
  }

  /**
   * What the matrix says: how to make a group when there is none, each member's version once read,
   * why a member could not be read, or how many migrations drifted.
   */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** True when a member cannot be read, a migration failed on one or a checksum drifted. */
  public ReadOnlyBooleanProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** True while a read runs or waits to be shown; false only once its result is on screen. */
  public ReadOnlyBooleanProperty busyProperty() {
    return jobs.busyProperty();
  }

  /** Reads every member of the chosen group again, on a worker. */
  public void refresh() {
    String name = group.get();
    Optional<GroupDefinition> definition =
        name == null ? Optional.empty() : profiles.findGroup(name);
    if (definition.isEmpty()) {
      clear();
      message.set(groups.isEmpty() ? NO_GROUPS : "Pick a failover group.");
      return;
    }
    message.set("Reading the migrations of " + String.join(", ", definition.get().members()) + "…");
    read.run(
        "Reading the migration matrix of " + name,
        () -> MigrationMatrix.ofGroup(definition.get(), profiles, migrations),
        (matrix, error) -> {
          if (error != null) {
            clear();
            problem.set(true);
            message.set("Cannot read the group " + name + ": " + ViewJobs.message(error));
          } else {
            show(definition.get(), matrix);
          }
        });
  }

  private void show(GroupDefinition definition, MigrationMatrix matrix) {
    List<String> names = matrix.members().stream().map(MigrationMatrix.Member::profile).toList();
    List<MatrixRow> lines = new ArrayList<>();
    for (MigrationMatrix.Row row : matrix.rows()) {
      lines.add(
          new MatrixRow(
              row.label(),
              row.version(),
              names.stream()
                  .map(
                      member ->
                          MatrixRow.cellText(
                              row.states().getOrDefault(member, ""), row.checksumDrift()))
                  .toList(),
              row.checksumDrift()));
    }
    members.setAll(names);
    rows.setAll(lines);
    problem.set(matrix.hasProblem());
    List<String> parts = new ArrayList<>();
    for (MigrationMatrix.Member member : matrix.members()) {
      parts.add(
          member.profile()
              + member
                  .error()
                  .map(error -> " cannot be read: " + error)
                  .orElse(
                      member.currentVersion().map(v -> " at version " + v).orElse(" no version")));
    }
    long drifted = matrix.rows().stream().filter(MigrationMatrix.Row::checksumDrift).count();
    String text = definition.name() + ": " + String.join("; ", parts) + ".";
    if (drifted > 0) {
      text +=
          " Checksum drift on "
              + drifted
              + (drifted == 1 ? " migration" : " migrations")
              + ": the members applied different scripts.";
    }
    message.set(text);
  }

  /** The groups changed (added, renamed, removed): keep the chosen one when it is still there. */
  private void reloadGroups() {
    List<String> names = profiles.groups().stream().map(GroupDefinition::name).toList();
    groups.setAll(names);
    if (names.isEmpty()) {
      group.set(null);
      clear();
      message.set(NO_GROUPS);
    } else if (group.get() == null || !names.contains(group.get())) {
      group.set(names.getFirst());
      message.set("Press Refresh to read the members' migrations.");
    }
  }

  private void clear() {
    read.cancel();
    members.clear();
    rows.clear();
    problem.set(false);
    message.set(groups.isEmpty() ? NO_GROUPS : "Press Refresh to read the members' migrations.");
  }

  @Override
  public void close() {
    profiles.removeChangeListener(changeListener);
  }
}
