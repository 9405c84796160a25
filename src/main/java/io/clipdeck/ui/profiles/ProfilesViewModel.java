package io.clipdeck.ui.profiles;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.HealthMonitor;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.ProfileService;
import io.clipdeck.ui.fx.Format;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The profiles list, its health, and the "test connection" and "make active" actions. */
public final class ProfilesViewModel implements AutoCloseable {

  private final ProfileService profiles;
  private final HealthMonitor health;
  private final BackgroundJobs jobs;
  private final Executor fx;

  private final ObservableList<ProfileRow> rows = FXCollections.observableArrayList();
  private final ObjectProperty<ProfileRow> selected = new SimpleObjectProperty<>();
  private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final Consumer<HealthReport> healthListener;
  private final Consumer<ConnectionProfile> activeListener;

  public ProfilesViewModel(
      ProfileService profiles, HealthMonitor health, BackgroundJobs jobs, Executor fx) {
    this.profiles = profiles;
    this.health = health;
    this.jobs = jobs;
    this.fx = fx;
    this.healthListener = report -> fx.execute(this::reload);
    this.activeListener = profile -> fx.execute(this::reload);
    health.addListener(healthListener);
    profiles.addActiveListener(activeListener);
    profiles.loadProblem().ifPresent(problem -> notice.set("Profiles file not loaded: " + problem));
    reload();
  }

  public ObservableList<ProfileRow> rows() {
    return rows;
  }

  public ObjectProperty<ProfileRow> selectedProperty() {
    return selected;
  }

  public ReadOnlyBooleanProperty testingProperty() {
    return testing.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty testResultProperty() {
    return testResult.getReadOnlyProperty();
  }

  /** A standing message about the profiles file, empty when all is well. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /**
   * Checks the selected profile off the FX thread and reports version and latency, or the error.
   */
  public void testSelected() {
    ProfileRow row = selected.get();
    if (row == null) {
      testResult.set("Choose a profile to test.");
      return;
    }
    ConnectionProfile profile = profiles.find(row.name()).orElseThrow();
    testing.set(true);
    testResult.set("Testing " + profile.name() + "…");
    jobs.submit("Testing " + profile.name(), () -> health.checkNow(profile).join())
        .whenComplete(
            (report, error) ->
                fx.execute(
                    () -> {
                      testing.set(false);
                      testResult.set(
                          error != null ? "Test failed: " + error.getMessage() : describe(report));
                    }));
  }

  /** Makes the selected profile the one the other views work on. */
  public void activateSelected() {
    ProfileRow row = selected.get();
    if (row != null) {
      profiles.activate(row.name());
    }
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

  private static String describe(HealthReport report) {
    return report.isUp()
        ? "Connected to "
            + report.profile()
            + ": version "
            + report.serverVersion()
            + ", round trip "
            + Format.millis(report.latency())
            + "."
        : "Cannot connect: " + report.problem().orElse("no answer");
  }

  private static String capitalised(String constant) {
    return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    health.removeListener(healthListener);
    profiles.removeActiveListener(activeListener);
  }
}
