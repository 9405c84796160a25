package io.clipdeck.ui.enrich;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.browse.BrowseService;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.enrich.EnrichmentRun;
import io.clipdeck.enrich.EnrichmentService;
import io.clipdeck.enrich.ProviderLane;
import io.clipdeck.enrich.RunProgress;
import io.clipdeck.enrich.RunState;
import io.clipdeck.enrich.RunSummary;
import io.clipdeck.enrich.Step;
import io.clipdeck.enrich.StepProgress;
import io.clipdeck.enrich.TaskRow;
import io.clipdeck.enrich.VideoUrls;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.Refresher;
import io.clipdeck.ui.fx.SchemaOffer;
import io.clipdeck.ui.fx.ViewJobs;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The enrichment view's state: the videos chosen (pasted links imported as pending videos, or the
 * browser's selection), the steps the providers offer, and the current run, polled while the view
 * is on screen: overall and per-step progress, rate and ETA, each provider's limiter and breaker,
 * the run's items, its summary and the history of runs. Every service call runs as a background
 * job; results are applied through {@code fx}.
 */
public final class EnrichmentViewModel implements AutoCloseable {

  /** The items table shows at most this many tasks of a run. */
  static final int ITEMS = 500;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final EnrichmentServices services;
  private final DialogService dialogs;
  private final ZoneId zone;
  private final BackgroundJobs jobs;
  private final Executor fx;
  private final ViewJobs viewJobs;
  private final Refresher refresher;
  private final AtomicBoolean polling = new AtomicBoolean();

  private final StringProperty urls = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper chosenLine = new ReadOnlyStringWrapper("No videos chosen.");
  private final ObservableList<String> importProblems = FXCollections.observableArrayList();
  private final Map<Step, BooleanProperty> stepChosen = new EnumMap<>(Step.class);
  private final Map<Step, ReadOnlyBooleanWrapper> stepOffered = new EnumMap<>(Step.class);
  private final ReadOnlyStringWrapper providersLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper simulated = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasRun = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasFailures = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper runLine = new ReadOnlyStringWrapper("No run yet.");
  private final ReadOnlyDoubleWrapper overallFraction = new ReadOnlyDoubleWrapper(0);
  private final ObservableList<ProgressRow> progress = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper rateLine = new ReadOnlyStringWrapper("");
  private final ObservableList<String> providerLines = FXCollections.observableArrayList();
  private final ObservableList<ItemRow> items = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summaryLine = new ReadOnlyStringWrapper("");
  private final ObservableList<String> history = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(false);

  /** The videos a Start runs, with their external ids for the items table. Touched on FX. */
  private Map<Long, String> chosen = new LinkedHashMap<>();

  /**
   * The browser's filter when it chose "all matching" (then {@link #chosen} is empty: the service
   * walks the matches itself, however many). Touched on FX.
   */
  private VideoFilter matching;

  /** The run on screen; set and read on the FX thread, read by the poll on a worker. */
  private volatile EnrichmentRun run;

  /** "Create the Clipdeck schema" and "Load sample data", when the database has no schema. */
  private SchemaOffer schemaOffer;

  /** Whether the providers' steps were read; until then each showing tries again. */
  private boolean loaded;

  /**
   * @param services the active profile's enrichment service, made on first use on a worker; closed
   *     with this view model
   * @param handoff the browser's "Enrich selected" arrives here
   * @param poll how often the run on screen is read while the view is shown
   */
  public EnrichmentViewModel(
      EnrichmentServices services,
      EnrichmentHandoff handoff,
      BackgroundJobs jobs,
      ScheduledExecutorService scheduler,
      Executor workers,
      Executor fx,
      Duration poll,
      DialogService dialogs) {
    this(services, handoff, jobs, scheduler, workers, fx, poll, ZoneId.systemDefault(), dialogs);
  }

  /**
   * @param zone the days of a filter's description are in (the browser's clock's zone)
   * @param dialogs asks before a run writes to a Production (or unlabelled) database
   */
  public EnrichmentViewModel(
      EnrichmentServices services,
      EnrichmentHandoff handoff,
      BackgroundJobs jobs,
      ScheduledExecutorService scheduler,
      Executor workers,
      Executor fx,
      Duration poll,
      ZoneId zone,
      DialogService dialogs) {
    this.services = services;
    this.dialogs = dialogs;
    this.zone = zone;
    this.jobs = jobs;
    this.fx = fx;
    this.viewJobs = new ViewJobs(jobs, fx);
    this.refresher = new Refresher(scheduler, workers, poll, this::poll);
    for (Step step : Step.values()) {
      stepChosen.put(step, new SimpleBooleanProperty(!step.optional()));
      stepOffered.put(step, new ReadOnlyBooleanWrapper(!step.optional()));
    }
    handoff.receive(choice -> fx.execute(() -> receive(choice)));
  }

  // Properties the view binds to.

  /** The pasted links, one a line. */
  public StringProperty urlsProperty() {
    return urls;
  }

  /**
   * "5 videos chosen from the pasted links", or for the browser's filter "1,204 videos match the
   * browser's filter: status failed · text 'cat'".
   */
  public ReadOnlyStringProperty chosenLineProperty() {
    return chosenLine.getReadOnlyProperty();
  }

  /** The pasted lines that are not video links: "Line 6: not a YouTube video link (short)". */
  public ObservableList<String> importProblems() {
    return importProblems;
  }

  public BooleanProperty stepChosenProperty(Step step) {
    return stepChosen.get(step);
  }

  /** Whether the providers offer the step (thumbnail and narration need their keys). */
  public ReadOnlyBooleanProperty stepOfferedProperty(Step step) {
    return stepOffered.get(step).getReadOnlyProperty();
  }

  /** "Simulated providers — nothing leaves this machine" or "Providers from the settings". */
  public ReadOnlyStringProperty providersLineProperty() {
    return providersLine.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty simulatedProperty() {
    return simulated.getReadOnlyProperty();
  }

  /** An import, start or retry is on its way. */
  public ReadOnlyBooleanProperty busyProperty() {
    return viewJobs.busyProperty();
  }

  /** A run is going (running, paused or cancelling). */
  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty pausedProperty() {
    return paused.getReadOnlyProperty();
  }

  /** There is a run on screen, going or ended. */
  public ReadOnlyBooleanProperty hasRunProperty() {
    return hasRun.getReadOnlyProperty();
  }

  /** The run on screen has dead-lettered tasks to retry. */
  public ReadOnlyBooleanProperty hasFailuresProperty() {
    return hasFailures.getReadOnlyProperty();
  }

  /** "Run 3 · running · 40 videos · Metadata, Captions and clips". */
  public ReadOnlyStringProperty runLineProperty() {
    return runLine.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty overallFractionProperty() {
    return overallFraction.getReadOnlyProperty();
  }

  /** All steps first, then each chosen step. */
  public ObservableList<ProgressRow> progress() {
    return progress;
  }

  /** "12.5 tasks/s · ETA 0:42". */
  public ReadOnlyStringProperty rateLineProperty() {
    return rateLine.getReadOnlyProperty();
  }

  /** Each provider's calls in flight, limiter waits, breaker and parking. */
  public ObservableList<String> providerLines() {
    return providerLines;
  }

  public ObservableList<ItemRow> items() {
    return items;
  }

  /** "Batch processing completed: 5 successful, 0 failed" once the run ended. */
  public ReadOnlyStringProperty summaryLineProperty() {
    return summaryLine.getReadOnlyProperty();
  }

  /** The runs that ended on this profile, newest first, kept from one start to the next. */
  public ObservableList<String> history() {
    return history;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return statusIsError.getReadOnlyProperty();
  }

  // Life cycle.

  /**
   * Offers "Create the Clipdeck schema" and "Load sample data" when the active profile's database
   * has none, instead of failing to read the providers; its jobs report in this view's status line
   * and progress bar.
   */
  public SchemaOffer offerSchema(BrowseService database) {
    schemaOffer = new SchemaOffer(database, viewJobs, dialogs);
    schemaOffer.onReady(this::readProviders);
    viewJobs
        .statusProperty()
        .addListener((observable, was, now) -> report(now, viewJobs.statusIsErrorProperty().get()));
    return schemaOffer;
  }

  /** The offer made by {@link #offerSchema}, if any. */
  public Optional<SchemaOffer> schemaOffer() {
    return Optional.ofNullable(schemaOffer);
  }

  /** The jobs of the view: its progress bar follows them. */
  public ViewJobs jobs() {
    return viewJobs;
  }

  /** On screen: reads the providers' steps (until that worked once), then polls the run. */
  public void shown() {
    if (!loaded) {
      if (schemaOffer != null) {
        schemaOffer.check(this::readProviders);
      } else {
        readProviders();
      }
    }
    refresher.start();
  }

  private void readProviders() {
    if (!loaded) {
      background(
          "Read the enrichment providers",
          () -> {
            EnrichmentService service = services.get();
            return new Offer(
                service.availableSteps(),
                service.simulatedProviders(),
                service.history().runs(),
                service.history().problem().orElse(null));
          },
          this::applyOffer);
    }
  }

  public void hidden() {
    refresher.stop();
  }

  /** Stops polling and closes the services: a run still going is cancelled, its calls put back. */
  @Override
  public void close() {
    refresher.stop();
    services.close();
  }

  // Actions.

  /** Imports the pasted links as pending videos and chooses them. */
  public void importUrls() {
    String text = urls.get();
    if (text == null || text.isBlank()) {
      report("Paste YouTube links first, one a line.", true);
      return;
    }
    background(
        "Import video links",
        () -> services.get().importUrls(text),
        result -> {
          Map<Long, String> videos = new LinkedHashMap<>();
          List<VideoUrls.Found> found = result.parsed().videos();
          for (int i = 0; i < found.size(); i++) {
            videos.put(result.videoIds().get(i), found.get(i).videoId());
          }
          importProblems.setAll(
              result.parsed().bad().stream().map(VideoUrls.BadLine::describe).toList());
          choose(videos, "from the pasted links");
          report(
              "Imported "
                  + plural(videos.size(), "video")
                  + " ("
                  + result.created()
                  + " new, "
                  + result.existing()
                  + " already stored)"
                  + (result.parsed().bad().isEmpty()
                      ? "."
                      : "; " + plural(result.parsed().bad().size(), "line") + " skipped."),
              !result.parsed().bad().isEmpty());
        });
  }

  /** Starts a run over the chosen videos and steps. */
  public void start() {
    VideoFilter filter = matching;
    List<Long> videoIds = List.copyOf(chosen.keySet());
    Set<Step> steps = EnumSet.noneOf(Step.class);
    stepChosen.forEach(
        (step, on) -> {
          if (on.get() && stepOffered.get(step).get()) {
            steps.add(step);
          }
        });
    if (videoIds.isEmpty() && filter == null) {
      report(
          "Choose videos first: paste links and Import, or Enrich selected (or all matching) in"
              + " the browser.",
          true);
      return;
    }
    if (steps.isEmpty()) {
      report("Choose at least one step to run.", true);
      return;
    }
    ConnectionProfile on = services.active();
    if (on.environment().asksBeforeWrites()
        && !dialogs.confirm(
            "Enrich videos on " + on.name(),
            on.name()
                + (on.environment().isLabelled()
                    ? " is a Production database."
                    : " has no environment label, so it is treated as Production.")
                + " The run calls the providers (paid calls) and writes what they answer to its"
                + " videos. Start it?",
            "Start run")) {
      report("Run not started.", false);
      return;
    }
    if (filter != null) {
      startMatching(filter, steps);
      return;
    }
    background(
        "Start enrichment",
        () -> services.get().start(videoIds, steps),
        started -> {
          show(started);
          report("Started run " + started.id() + ".", false);
        });
  }

  /**
   * Starts a run over the filter's matches: the service enqueues them a chunk at a time, telling
   * how far it got, and only the run comes back here.
   */
  private void startMatching(VideoFilter filter, Set<Step> steps) {
    report("Queueing the videos matching " + filter.describe(zone) + "…", false);
    AtomicLong shown = new AtomicLong();
    background(
        "Start enrichment of the matching videos",
        () ->
            services
                .get()
                .startMatching(
                    filter,
                    steps,
                    queued -> {
                      // At most one progress line waiting on the FX thread at a time.
                      if (shown.getAndSet(queued) == 0) {
                        fx.execute(
                            () ->
                                report(
                                    "Queued " + plural(shown.getAndSet(0), "video") + " so far…",
                                    false));
                      }
                    }),
        started -> {
          show(started);
          report(
              "Started run "
                  + started.id()
                  + " over "
                  + plural(started.videoIds().size(), "video")
                  + " matching "
                  + filter.describe(zone)
                  + ".",
              false);
        });
  }

  public void pause() {
    act(EnrichmentRun::pause, "Paused: calls in flight finish, nothing new is sent.");
  }

  public void resume() {
    act(EnrichmentRun::resume, "Resumed.");
  }

  /**
   * @param finishInFlight let the calls in flight finish, or interrupt them and put their tasks
   *     back in the queue
   */
  public void cancel(boolean finishInFlight) {
    act(
        now -> now.cancel(finishInFlight),
        finishInFlight
            ? "Cancelling: calls in flight finish first."
            : "Cancelling: calls in flight go back to the queue.");
  }

  /**
   * Sends the run's failed tasks back to the queue; a run that ended is started again over the same
   * videos and steps (the tasks already done stay done).
   */
  public void retryFailed() {
    EnrichmentRun now = run;
    if (now == null) {
      return;
    }
    background(
        "Retry failed enrichment tasks",
        () -> {
          int retried = now.retryFailed();
          EnrichmentRun next =
              retried > 0 && now.state().over() ? services.get().startAgain(now) : now;
          return new Retry(retried, next);
        },
        retry -> {
          show(retry.run());
          report(
              retry.retried() == 0
                  ? "No failed tasks to retry."
                  : "Sent " + plural(retry.retried(), "failed task") + " back to the queue.",
              false);
        });
  }

  // Machinery.

  private record Offer(
      Set<Step> steps, boolean simulated, List<RunSummary> history, String historyProblem) {}

  private record Retry(int retried, EnrichmentRun run) {}

  private record Snapshot(RunProgress progress, List<TaskRow> items, List<RunSummary> history) {}

  private void applyOffer(Offer offer) {
    loaded = true;
    report("", false);
    for (Step step : Step.values()) {
      boolean on = offer.steps().contains(step);
      stepOffered.get(step).set(on);
      if (!on) {
        stepChosen.get(step).set(false);
      }
    }
    simulated.set(offer.simulated());
    if (run == null) {
      history.setAll(offer.history().stream().map(EnrichmentViewModel::historyLine).toList());
    }
    if (offer.historyProblem() != null) {
      report("The run history was not readable: " + offer.historyProblem() + ".", true);
    }
    providersLine.set(
        offer.simulated()
            ? "Simulated providers: the built-in simulator answers, nothing leaves this machine."
            : "Providers from the settings: calls go to the real services and are billed.");
  }

  private void receive(EnrichmentHandoff.Choice choice) {
    switch (choice) {
      case EnrichmentHandoff.Selection selection -> choose(selection.videos(), "from the browser");
      case EnrichmentHandoff.Matching filter -> chooseMatching(filter.filter());
    }
  }

  /** Chooses the filter's matches and counts them on a worker; a later choice wins. */
  private void chooseMatching(VideoFilter filter) {
    chosen = new LinkedHashMap<>();
    matching = filter;
    String described = filter.describe(zone);
    chosenLine.set("Counting the videos matching the browser's filter: " + described + "…");
    background(
        "Count the videos to enrich",
        () -> services.get().countMatching(filter),
        count -> {
          if (matching == filter) {
            chosenLine.set(
                plural(count, "video")
                    + (count == 1 ? " matches" : " match")
                    + " the browser's filter: "
                    + described);
          }
        });
  }

  private void choose(Map<Long, String> videos, String how) {
    matching = null;
    chosen = new LinkedHashMap<>(videos);
    chosenLine.set(
        videos.isEmpty() ? "No videos chosen." : plural(videos.size(), "video") + " chosen " + how);
  }

  private void show(EnrichmentRun shown) {
    run = shown;
    hasRun.set(true);
    summaryLine.set("");
    // Not poll itself: a summary already there would run it on the FX thread.
    shown.summary().thenRun(this::refreshNow);
    refreshNow();
  }

  private void refreshNow() {
    jobs.submit(
        "Read the enrichment run",
        () -> {
          poll();
          return null;
        });
  }

  /** On a worker: reads the run's snapshot and items; a poll still going makes the next skip. */
  private void poll() {
    EnrichmentRun now = run;
    if (now == null || !polling.compareAndSet(false, true)) {
      return;
    }
    try {
      Snapshot snapshot =
          new Snapshot(now.progress(), now.items(ITEMS), services.get().history().runs());
      RunSummary summary = now.summary().getNow(null);
      fx.execute(() -> apply(now, snapshot, summary));
    } catch (RuntimeException e) {
      fx.execute(() -> report("Cannot read the run: " + e.getMessage(), true));
    } finally {
      polling.set(false);
    }
  }

  private void apply(EnrichmentRun from, Snapshot snapshot, RunSummary summary) {
    if (from != run) {
      return; // a newer run is on screen
    }
    RunProgress now = snapshot.progress();
    RunState state = summary != null ? summary.outcome() : now.state();
    running.set(!state.over());
    paused.set(state == RunState.PAUSED);
    runLine.set(
        "Run "
            + now.runId()
            + " · "
            + state.name().toLowerCase(Locale.ROOT)
            + " · "
            + plural(now.videos(), "video")
            + " · "
            + String.join(", ", from.steps().stream().sorted().map(Step::label).toList()));
    overallFraction.set(now.overall().fraction());
    hasFailures.set(now.overall().failed() > 0);
    List<ProgressRow> rows = new ArrayList<>();
    rows.add(row(now.overall()));
    now.steps().forEach(step -> rows.add(row(step)));
    progress.setAll(rows);
    rateLine.set(
        summary == null
            ? String.format(Locale.ROOT, "%.1f tasks/s", now.tasksPerSecond())
                + now.eta().map(eta -> " · ETA " + clock(eta)).orElse("")
            : "took "
                + clock(summary.duration())
                + String.format(
                    Locale.ROOT,
                    " · %.1f tasks/s on average",
                    (summary.tasksDone() + summary.tasksFailed())
                        / Math.max(0.001, summary.duration().toMillis() / 1000.0)));
    providerLines.setAll(now.providers().stream().map(EnrichmentViewModel::providerLine).toList());
    items.setAll(snapshot.items().stream().map(this::itemRow).toList());
    history.setAll(snapshot.history().stream().map(EnrichmentViewModel::historyLine).toList());
    if (summary != null) {
      summaryLine.set(summary.describe());
    }
  }

  private static ProgressRow row(StepProgress step) {
    return new ProgressRow(
        step.label(),
        step.fraction(),
        step.done() + " done · " + step.failed() + " failed · " + step.remaining() + " remaining");
  }

  private static String providerLine(ProviderLane state) {
    return state.describe()
        + " · "
        + state.requests()
        + " requests, "
        + state.limiterWaits()
        + " waited for the rate limit, "
        + state.errors()
        + " errors";
  }

  private ItemRow itemRow(TaskRow task) {
    return new ItemRow(
        chosen.getOrDefault(task.videoId(), "#" + task.videoId()),
        task.step().label(),
        task.state().id(),
        task.attempt(),
        task.lastError() == null ? "" : task.lastError());
  }

  /** "22:34:45 · run 1 finished: 24 successful, 0 failed (24 videos in 0:03)". */
  private static String historyLine(RunSummary summary) {
    return WHEN.format(summary.finished())
        + " · run "
        + summary.runId()
        + " "
        + summary.outcome().name().toLowerCase(Locale.ROOT)
        + ": "
        + summary.successful()
        + " successful, "
        + summary.failed()
        + " failed ("
        + plural(summary.videos(), "video")
        + " in "
        + clock(summary.duration())
        + ")";
  }

  /** The view's buttons are bound to the states; this checks the run is there. */
  private void act(Consumer<EnrichmentRun> action, String done) {
    EnrichmentRun now = run;
    if (now == null) {
      return;
    }
    background(
        "Change the enrichment run",
        () -> {
          action.accept(now);
          return now;
        },
        changed -> {
          report(done, false);
          refreshNow();
        });
  }

  /** {@link #busyProperty()} until every job started this way has been applied. */
  private <T> void background(String job, Callable<T> work, Consumer<T> apply) {
    viewJobs.run(
        job,
        work,
        apply,
        // Jobs are named by what they do ("Start enrichment"): "Could not start…".
        error ->
            report(
                "Could not "
                    + Character.toLowerCase(job.charAt(0))
                    + job.substring(1)
                    + ": "
                    + ViewJobs.message(error),
                true));
  }

  private void report(String message, boolean error) {
    status.set(message);
    statusIsError.set(error);
  }

  private static String clock(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  /** "1 video", "1,204 videos". */
  private static String plural(long count, String noun) {
    return String.format(Locale.ROOT, "%,d", count) + " " + noun + (count == 1 ? "" : "s");
  }
}
