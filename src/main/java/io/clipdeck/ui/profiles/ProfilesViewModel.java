package io.clipdeck.ui.profiles;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.app.ProfileHealth;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseInfo;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Environment;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.ProfileService;
import io.clipdeck.secrets.SecretRef;
import io.clipdeck.secrets.SecretStore;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.Format;
import io.clipdeck.ui.fx.ViewJobs;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The profiles list with its health, and the editor: create, edit, duplicate, delete, test the
 * edited settings before saving, make active. Every database and secret-store call runs as a
 * background job; results come back through {@code fx}.
 */
public final class ProfilesViewModel implements AutoCloseable {

  private final ProfileService profiles;
  private final ProfileHealth health;
  private final Supplier<SecretStore> secrets;
  private final DialogService dialogs;
  private final Path sqliteFolder;
  private final Executor fx;
  private final ViewJobs viewJobs;

  private final ObservableList<ProfileRow> rows = FXCollections.observableArrayList();
  private final ObjectProperty<ProfileRow> selected = new SimpleObjectProperty<>();
  private final ProfileForm form = new ProfileForm();
  private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final Consumer<HealthReport> healthListener;
  private final Consumer<ConnectionProfile> activeListener;
  private final Runnable changeListener;

  /** The name of the profile in the editor before any edit; empty for a new one. */
  private Optional<String> editing = Optional.empty();

  public ProfilesViewModel(
      ProfileService profiles,
      ProfileHealth health,
      BackgroundJobs jobs,
      Supplier<SecretStore> secrets,
      DialogService dialogs,
      Path sqliteFolder,
      Executor fx) {
    this.profiles = profiles;
    this.health = health;
    this.secrets = secrets;
    this.dialogs = dialogs;
    this.sqliteFolder = sqliteFolder;
    this.fx = fx;
    this.viewJobs = new ViewJobs(jobs, fx);
    this.healthListener = report -> fx.execute(this::reload);
    this.activeListener = profile -> fx.execute(this::reload);
    this.changeListener = () -> fx.execute(this::reload);
    health.addListener(healthListener);
    profiles.addActiveListener(activeListener);
    profiles.addChangeListener(changeListener);
    profiles.loadProblem().ifPresent(problem -> notice.set("Profiles file: " + problem));
    selected.addListener(
        (observable, previous, row) -> {
          // A refreshed row of the profile being edited keeps the editor's unsaved text.
          if (row != null && !editing.equals(Optional.of(row.name()))) {
            edit(row);
          }
        });
    reload();
  }

  public ObservableList<ProfileRow> rows() {
    return rows;
  }

  public ObjectProperty<ProfileRow> selectedProperty() {
    return selected;
  }

  public ProfileForm form() {
    return form;
  }

  /** True while a test, save or delete runs in the background. */
  public ReadOnlyBooleanProperty busyProperty() {
    return viewJobs.busyProperty();
  }

  /** True when the edited profile comes from DATABASE_* and cannot be changed here. */
  public ReadOnlyBooleanProperty readOnlyProperty() {
    return readOnly.getReadOnlyProperty();
  }

  /** The outcome of the last action, in words. */
  public ReadOnlyStringProperty statusProperty() {
    return viewJobs.statusProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return viewJobs.statusIsErrorProperty();
  }

  /** A standing message about the profiles file, empty when all is well. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /** Starts a new profile of the given kind in the editor. */
  public void newProfile(DatabaseKind kind) {
    selected.set(null);
    editing = Optional.empty();
    readOnly.set(false);
    form.clear(kind, sqliteFolder);
    report("New " + kind.displayName() + " profile: fill it in and save.", false);
  }

  /** Tests the settings in the editor, saved or not, and reports the server's facts. */
  public void testForm() {
    ConnectionProfile profile = fromForm();
    if (profile == null) {
      return;
    }
    char[] typed = form.password.get().toCharArray();
    run(
        "Testing " + profile.name(),
        () -> health.test(profile, typed),
        outcome -> report(describe(profile, outcome), !outcome.health().isUp()));
  }

  /** Saves the editor's profile; a Production profile asks first. */
  public void save() {
    ConnectionProfile parsed;
    try {
      parsed = form.toSavedProfile(SecretRef.profilePassword(form.name.get().trim()));
    } catch (IllegalArgumentException e) {
      report(e.getMessage(), true);
      return;
    }
    if (parsed.environment() == Environment.PRODUCTION
        && !dialogs.confirm(
            "Save a Production profile",
            "'" + parsed.name() + "' points at a Production database. Save it?",
            "Save")) {
      return;
    }
    char[] typed = form.password.get().toCharArray();
    Optional<String> previous = editing;
    run(
        "Saving " + parsed.name(),
        () -> {
          if (typed.length > 0) {
            secrets.get().put(parsed.passwordRef(), typed);
          }
          profiles.save(parsed, previous);
          return parsed;
        },
        saved -> {
          form.password.set("");
          editing = Optional.of(saved.name());
          select(saved.name());
          report("Saved " + saved.name() + ".", false);
        });
  }

  /** Deletes the selected profile and its stored password, after asking. */
  public void delete() {
    ProfileRow row = selected.get();
    if (row == null) {
      return;
    }
    ConnectionProfile profile = profiles.require(row.name());
    boolean confirmed =
        profile.environment().requiresConfirmation()
            ? dialogs.confirmByTyping(
                "Delete a Production profile",
                "This deletes the profile '" + profile.name() + "' and its stored password.",
                profile.name())
            : dialogs.confirm(
                "Delete profile",
                "Delete the profile '" + profile.name() + "' and its stored password?",
                "Delete");
    if (!confirmed) {
      return;
    }
    run(
        "Deleting " + profile.name(),
        () -> {
          profiles.remove(profile.name());
          if (profile.passwordRef() != null) {
            secrets.get().remove(profile.passwordRef());
          }
          return profile;
        },
        removed -> {
          editing = Optional.empty();
          reload();
          if (!rows.isEmpty()) {
            selected.set(rows.getFirst());
          }
          report("Deleted " + removed.name() + ".", false);
        });
  }

  /** Saves a copy of the selected profile (without its password) and selects it. */
  public void duplicate() {
    ProfileRow row = selected.get();
    if (row == null) {
      return;
    }
    run(
        "Duplicating " + row.name(),
        () -> profiles.duplicate(row.name()),
        copy -> {
          select(copy.name());
          report("Saved a copy as " + copy.name() + "; set its password if it needs one.", false);
        });
  }

  /** Makes the selected profile the one the other views work on. */
  public void activateSelected() {
    ProfileRow row = selected.get();
    if (row != null) {
      profiles.activate(row.name());
      report(row.name() + " is now the active profile.", false);
    }
  }

  private void edit(ProfileRow row) {
    profiles
        .find(row.name())
        .ifPresent(
            profile -> {
              editing = Optional.of(profile.name());
              readOnly.set(profiles.isReadOnly(profile.name()));
              form.load(profile);
            });
  }

  private ConnectionProfile fromForm() {
    try {
      return form.toProfile(SecretRef.profilePassword(form.name.get().trim()));
    } catch (IllegalArgumentException e) {
      report(e.getMessage(), true);
      return null;
    }
  }

  private <T> void run(String job, Callable<T> work, Consumer<T> done) {
    viewJobs.report(job, work, done);
  }

  private void report(String message, boolean error) {
    viewJobs.report(message, error);
  }

  private void select(String name) {
    reload();
    rows.stream().filter(row -> row.name().equals(name)).findFirst().ifPresent(selected::set);
  }

  private void reload() {
    String selectedName = selected.get() == null ? null : selected.get().name();
    rows.setAll(profiles.profiles().stream().map(this::toRow).toList());
    rows.stream()
        .filter(row -> row.name().equals(selectedName))
        .findFirst()
        .ifPresent(selected::set);
  }

  private ProfileRow toRow(ConnectionProfile profile) {
    HealthReport report =
        health.latest(profile.name()).orElse(HealthReport.unknown(profile.name()));
    return new ProfileRow(
        profile.name(),
        profile.kind().displayName(),
        capitalised(profile.environment().name()),
        profile.location(),
        profile.name().equals(profiles.active().name()),
        switch (report.health()) {
          case UP -> "Up";
          case DOWN -> "Down";
          case UNKNOWN -> "Not checked";
        },
        report.health() == HealthReport.Health.UNKNOWN ? "" : Format.millis(report.latency()));
  }

  private static String describe(ConnectionProfile profile, ProfileHealth.Check outcome) {
    HealthReport report = outcome.health();
    if (!report.isUp()) {
      return "Cannot connect: " + report.problem().orElse("no answer");
    }
    StringBuilder text =
        new StringBuilder("Connected to ")
            .append(profile.name())
            .append(": ")
            .append(report.serverVersion())
            .append(", round trip ")
            .append(Format.millis(report.latency()));
    outcome
        .info()
        .ifPresent(
            (DatabaseInfo info) ->
                text.append(", ")
                    .append(info.tableCount())
                    .append(" tables, ")
                    .append(Format.bytes(info.sizeBytes()))
                    .append(", user ")
                    .append(info.currentUser())
                    .append(", ")
                    .append(info.role()));
    text.append('.');
    if (!profile.kind().isFileBased()) {
      text.append(' ').append(profile.tlsSummary()).append('.');
    }
    return text.toString();
  }

  private static String capitalised(String constant) {
    return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    health.removeListener(healthListener);
    profiles.removeActiveListener(activeListener);
    profiles.removeChangeListener(changeListener);
  }
}
