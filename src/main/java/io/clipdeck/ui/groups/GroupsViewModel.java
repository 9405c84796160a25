package io.clipdeck.ui.groups;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.ProfileService;
import io.clipdeck.db.failover.FailoverEvent;
import io.clipdeck.db.failover.FailoverGroup;
import io.clipdeck.db.failover.FailoverGroups;
import io.clipdeck.db.failover.FailoverStatus;
import io.clipdeck.ui.fx.Fields;
import io.clipdeck.ui.fx.Refresher;
import io.clipdeck.ui.fx.ViewJobs;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Failover groups: their live state and switch history, the editor, and the simulate-failover and
 * fail-back actions. Refreshes while shown; every action runs as a background job.
 */
public final class GroupsViewModel implements AutoCloseable {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final ProfileService profiles;
  private final Supplier<FailoverGroups> failover;
  private final ViewJobs viewJobs;
  private final Executor workers;
  private final Executor fx;

  private final ObservableList<GroupRow> rows = FXCollections.observableArrayList();
  private final ObservableList<String> events = FXCollections.observableArrayList();
  private final ObjectProperty<GroupRow> selected = new SimpleObjectProperty<>();
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty members = new SimpleStringProperty("");
  private final StringProperty failures = new SimpleStringProperty("3");
  private final StringProperty intervalSeconds = new SimpleStringProperty("10");
  private final BooleanProperty automaticFailback = new SimpleBooleanProperty(true);
  private final StringProperty hysteresisSeconds = new SimpleStringProperty("60");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper profileNames = new ReadOnlyStringWrapper("");
  private final Consumer<FailoverEvent> eventListener = this::onEvent;
  private final java.util.concurrent.atomic.AtomicBoolean listening =
      new java.util.concurrent.atomic.AtomicBoolean();
  private Optional<String> editing = Optional.empty();
  private final Refresher refresher;
  private List<FailoverStatus> latest = List.of();

  public GroupsViewModel(
      ProfileService profiles,
      Supplier<FailoverGroups> failover,
      BackgroundJobs jobs,
      ScheduledExecutorService scheduler,
      Executor workers,
      Executor fx,
      Duration refreshInterval) {
    this.profiles = profiles;
    this.failover = failover;
    this.viewJobs = new ViewJobs(jobs, fx);
    this.workers = workers;
    this.fx = fx;
    this.refresher = new Refresher(scheduler, workers, refreshInterval, this::refresh);
    selected.addListener(
        (observable, previous, row) -> {
          if (row != null && !editing.equals(Optional.of(row.name()))) {
            edit(row.name());
          }
          showEvents();
        });
  }

  // Properties the view binds to.
  public ObservableList<GroupRow> rows() {
    return rows;
  }

  public ObservableList<String> events() {
    return events;
  }

  public ObjectProperty<GroupRow> selectedProperty() {
    return selected;
  }

  public StringProperty nameProperty() {
    return name;
  }

  /** Member profile names, the primary first, separated by commas. */
  public StringProperty membersProperty() {
    return members;
  }

  public StringProperty failuresProperty() {
    return failures;
  }

  public StringProperty intervalSecondsProperty() {
    return intervalSeconds;
  }

  public BooleanProperty automaticFailbackProperty() {
    return automaticFailback;
  }

  public StringProperty hysteresisSecondsProperty() {
    return hysteresisSeconds;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The profiles a group can use, for the editor's hint. */
  public ReadOnlyStringProperty profileNamesProperty() {
    return profileNames.getReadOnlyProperty();
  }

  /** Starts the groups (first time) and refreshes their state until {@link #stop()}. */
  public void start() {
    refresher.start();
  }

  public void stop() {
    refresher.stop();
  }

  /** Reads every group's state; call off the FX thread. */
  public void refresh() {
    FailoverGroups groups = failover.get();
    if (listening.compareAndSet(false, true)) {
      groups.addListener(eventListener);
    }
    List<FailoverStatus> statuses = groups.statuses();
    String names = String.join(", ", profiles.profiles().stream().map(p -> p.name()).toList());
    fx.execute(
        () -> {
          latest = statuses;
          profileNames.set(names);
          String keep = selected.get() == null ? null : selected.get().name();
          rows.setAll(statuses.stream().map(GroupsViewModel::toRow).toList());
          rows.stream().filter(row -> row.name().equals(keep)).findFirst().ifPresent(selected::set);
          showEvents();
        });
  }

  private void onEvent(FailoverEvent event) {
    workers.execute(this::refresh);
  }

  public void newGroup() {
    selected.set(null);
    editing = Optional.empty();
    name.set("New group");
    members.set("");
    failures.set("3");
    intervalSeconds.set("10");
    automaticFailback.set(true);
    hysteresisSeconds.set("60");
    status.set("List the member profiles, the primary first, and save.");
  }

  public void save() {
    GroupDefinition definition;
    try {
      definition =
          new GroupDefinition(
              name.get().trim(),
              Arrays.stream(members.get().split(","))
                  .map(String::trim)
                  .filter(member -> !member.isEmpty())
                  .toList(),
              Fields.wholeNumber("Failures before switching", failures.get()),
              Fields.seconds("Check interval", intervalSeconds.get()),
              automaticFailback.get(),
              Fields.seconds("Hysteresis", hysteresisSeconds.get()));
    } catch (IllegalArgumentException e) {
      status.set(e.getMessage());
      return;
    }
    Optional<String> previous = editing;
    run(
        "Saving group " + definition.name(),
        () -> {
          profiles.saveGroup(definition, previous);
          return definition.name();
        },
        saved -> {
          editing = Optional.of(saved);
          status.set("Saved group " + saved + ".");
        });
  }

  public void delete() {
    editing.ifPresent(
        group ->
            run(
                "Deleting group " + group,
                () -> {
                  profiles.removeGroup(group);
                  return group;
                },
                removed -> {
                  editing = Optional.empty();
                  selected.set(null);
                  status.set("Deleted group " + removed + ".");
                }));
  }

  /** Switches the selected group to its next healthy member, as a drill. */
  public void simulateFailover() {
    withGroup(
        "Simulating a failover",
        group -> {
          FailoverEvent event = group.simulateFailover("simulated from the console");
          return "Switched " + group.name() + " from " + event.from() + " to " + event.to() + ".";
        });
  }

  /** Returns the selected group to its primary, if the primary answers. */
  public void failBack() {
    withGroup(
        "Failing back",
        group ->
            group
                .failBack()
                .map(event -> "Back on " + event.to() + ".")
                .orElse(group.name() + " already serves from its primary."));
  }

  private void withGroup(String job, FailoverAction action) {
    GroupRow row = selected.get();
    if (row == null) {
      status.set("Choose a group first.");
      return;
    }
    run(
        job + " in " + row.name(),
        () ->
            action.apply(
                failover
                    .get()
                    .group(row.name())
                    .orElseThrow(() -> new IllegalStateException(row.name() + " is not running"))),
        message -> status.set(message));
  }

  @FunctionalInterface
  private interface FailoverAction {
    String apply(FailoverGroup group) throws Exception;
  }

  private <T> void run(String job, Callable<T> work, Consumer<T> done) {
    status.set(job + "…");
    viewJobs.run(
        job,
        work,
        (result, error) -> {
          if (error != null) {
            status.set(job + " failed: " + ViewJobs.message(error));
          } else {
            done.accept(result);
          }
          workers.execute(this::refresh);
        });
  }

  private void edit(String groupName) {
    profiles
        .findGroup(groupName)
        .ifPresent(
            definition -> {
              editing = Optional.of(definition.name());
              name.set(definition.name());
              members.set(String.join(", ", definition.members()));
              failures.set(String.valueOf(definition.failuresBeforeSwitch()));
              intervalSeconds.set(String.valueOf(definition.checkInterval().toMillis() / 1000.0));
              automaticFailback.set(definition.automaticFailback());
              hysteresisSeconds.set(String.valueOf(definition.hysteresis().toSeconds()));
            });
  }

  private void showEvents() {
    GroupRow row = selected.get();
    List<FailoverStatus> shown =
        latest.stream().filter(s -> row != null && s.group().equals(row.name())).toList();
    List<String> lines = new ArrayList<>();
    shown.forEach(s -> s.failbackHeld().ifPresent(reason -> lines.add("Failback held: " + reason)));
    shown.forEach(
        s -> s.events().reversed().stream().map(GroupsViewModel::describe).forEach(lines::add));
    events.setAll(lines);
  }

  private static GroupRow toRow(FailoverStatus status) {
    boolean anyUp = status.members().stream().anyMatch(member -> member.lastHealth().isUp());
    String state =
        !anyUp && status.members().stream().allMatch(m -> m.consecutiveFailures() > 0)
            ? "No member answers"
            : status.onPrimary()
                ? "On primary"
                : status.failbackHeld().isPresent() ? "On failover, failback held" : "On failover";
    return new GroupRow(
        status.group(),
        String.join(" → ", status.members().stream().map(m -> m.profile()).toList()),
        status.serving(),
        state,
        status.lastEvent().map(GroupsViewModel::describe).orElse("no switch yet"));
  }

  private static String describe(FailoverEvent event) {
    return TIME.format(event.time())
        + "  "
        + event.kind().name().toLowerCase(Locale.ROOT)
        + "  "
        + event.from()
        + " → "
        + event.to()
        + "  ("
        + event.reason()
        + ")";
  }

  @Override
  public void close() {
    stop();
    if (listening.get()) {
      failover.get().removeListener(eventListener);
    }
  }
}
