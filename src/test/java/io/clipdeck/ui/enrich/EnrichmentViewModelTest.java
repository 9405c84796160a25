package io.clipdeck.ui.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.BackoffPolicy;
import io.clipdeck.api.Provider;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Environment;
import io.clipdeck.enrich.DemoProviders;
import io.clipdeck.enrich.EnrichmentService;
import io.clipdeck.enrich.EnrichmentSettings;
import io.clipdeck.enrich.QueueSettings;
import io.clipdeck.enrich.RunHistory;
import io.clipdeck.enrich.Step;
import io.clipdeck.ui.fx.AnsweringDialogs;
import io.clipdeck.ui.fx.SerialFx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrichment view's logic on the local SQLite profile and the provider simulator. */
class EnrichmentViewModelTest {

  private static final String FIVE_AND_A_BAD_LINE =
      String.join(
          "\n",
          "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
          "youtu.be/9bZkp7q19f0",
          "# a comment",
          "https://www.youtube.com/shorts/kJQP7kiw5Fk",
          "not a link",
          "https://www.youtube.com/embed/JGwWNGJdvx8?autoplay=1",
          "OPp2hKBmJtQ");

  @TempDir Path root;
  private AppContext context;
  private DemoProviders providers;
  private EnrichmentServices services;
  private EnrichmentViewModel viewModel;
  private final EnrichmentHandoff handoff = new EnrichmentHandoff();
  private final SerialFx fx = new SerialFx();
  private final AnsweringDialogs dialogs = new AnsweringDialogs();

  @BeforeEach
  void start() throws InterruptedException {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    ConnectionProfile local = context.profiles().active();
    assertThat(context.migrations(local).migrate(Optional.empty(), step -> {}).failure()).isEmpty();
    providers = DemoProviders.start(SimulatorSettings.defaults(), EnrichmentViewModelTest::quick);
    open();
  }

  /** The view model over {@link #context}, as the console makes it (history in the data dir). */
  private void open() throws InterruptedException {
    EnrichmentSettings settings =
        EnrichmentSettings.defaults(root.resolve("media"))
            .withQueue(
                new QueueSettings(
                    Duration.ofSeconds(2), 5, Duration.ofMillis(50), Duration.ofMillis(400)))
            .withIdlePoll(Duration.ofMillis(20));
    services =
        new EnrichmentServices(
            context.profiles(),
            profile ->
                new EnrichmentService(
                    context.data(profile),
                    providers::clients,
                    settings,
                    context.clock(),
                    Duration.ofMillis(50),
                    RunHistory.forProfile(
                        context.paths().dataDir(), profile.name(), context.clock())));
    viewModel =
        new EnrichmentViewModel(
            services,
            handoff,
            context.jobs(),
            context.scheduler(),
            context.workers(),
            fx,
            Duration.ofMillis(100),
            ZoneOffset.UTC,
            dialogs);
    viewModel.shown();
    idle();
  }

  @AfterEach
  void stop() {
    viewModel.close();
    providers.close();
    context.close();
  }

  @Test
  void pastedLinksBecomeVideosAndARunOverThemEndsWithEverySuccessful() throws Exception {
    assertThat(viewModel.simulatedProperty().get()).isTrue();
    assertThat(viewModel.providersLineProperty().get()).startsWith("Simulated providers");
    assertThat(viewModel.stepOfferedProperty(Step.THUMBNAIL).get()).isTrue();
    assertThat(viewModel.stepChosenProperty(Step.METADATA).get()).isTrue();
    assertThat(viewModel.stepChosenProperty(Step.CLIPS).get()).isTrue();
    assertThat(viewModel.stepChosenProperty(Step.NARRATION).get()).isFalse();

    viewModel.urlsProperty().set(FIVE_AND_A_BAD_LINE);
    viewModel.importUrls();
    idle();
    assertThat(viewModel.chosenLineProperty().get())
        .isEqualTo("5 videos chosen from the pasted links");
    assertThat(viewModel.importProblems())
        .containsExactly("Line 5: not a YouTube video link (not a link)");
    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Imported 5 videos (5 new, 0 already stored); 1 line skipped.");

    viewModel.start();
    waitFor(() -> !viewModel.summaryLineProperty().get().isEmpty());
    assertThat(viewModel.summaryLineProperty().get())
        .isEqualTo("Batch processing completed: 5 successful, 0 failed");
    assertThat(viewModel.runningProperty().get()).isFalse();
    assertThat(viewModel.overallFractionProperty().get()).isEqualTo(1.0);
    assertThat(viewModel.progress())
        .extracting(ProgressRow::label, ProgressRow::counts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("All steps", "10 done · 0 failed · 0 remaining"),
            org.assertj.core.groups.Tuple.tuple("Metadata", "5 done · 0 failed · 0 remaining"),
            org.assertj.core.groups.Tuple.tuple(
                "Captions and clips", "5 done · 0 failed · 0 remaining"));
    assertThat(viewModel.items()).hasSize(10).allMatch(item -> item.state().equals("done"));
    assertThat(viewModel.items()).extracting(ItemRow::video).contains("dQw4w9WgXcQ");
    assertThat(viewModel.providerLines()).anyMatch(line -> line.startsWith("OpenAI: 0/8"));
    assertThat(viewModel.history())
        .singleElement()
        .asString()
        .contains(" · run 1 finished: 5 successful, 0 failed (5 videos in ");
    assertThat(viewModel.rateLineProperty().get())
        .startsWith("took ")
        .endsWith("tasks/s on average");
  }

  @Test
  void aRunOnAProductionProfileStartsOnlyAfterTheUserConfirms() throws Exception {
    ConnectionProfile local = context.profiles().active();
    context
        .profiles()
        .save(
            local.toBuilder().environment(Environment.PRODUCTION).build(),
            Optional.of(local.name()));
    viewModel.urlsProperty().set(FIVE_AND_A_BAD_LINE);
    viewModel.importUrls();
    idle();

    dialogs.answer = false;
    viewModel.start();
    idle();
    assertThat(dialogs.questions).containsExactly("Enrich videos on " + local.name());
    assertThat(viewModel.runningProperty().get()).isFalse();
    assertThat(viewModel.hasRunProperty().get()).isFalse();
    assertThat(providers.simulator().journal().count(Provider.YOUTUBE)).isZero();

    dialogs.answer = true;
    viewModel.start();
    waitFor(() -> !viewModel.summaryLineProperty().get().isEmpty());
    assertThat(dialogs.questions).hasSize(2);
    assertThat(viewModel.summaryLineProperty().get()).startsWith("Batch processing completed");
  }

  @Test
  void aPausedRunSendsNothingNewUntilResumed() throws Exception {
    // The first metadata call is slow, so the pause lands while it is in flight.
    providers.simulator().inject(Provider.YOUTUBE, Fault.slow(Duration.ofMillis(1500)), 1);
    viewModel.urlsProperty().set(FIVE_AND_A_BAD_LINE);
    viewModel.importUrls();
    idle();
    viewModel.start();
    waitFor(() -> viewModel.runningProperty().get());
    viewModel.pause();
    waitFor(() -> viewModel.pausedProperty().get());
    assertThat(viewModel.runLineProperty().get()).startsWith("Run 1 · paused · 5 videos");

    // The call in flight finishes; no caption call is sent while paused. An absence can only be
    // watched for a while: 2.5 s is several of the runner's 1 s lane polls.
    Thread.sleep(2500);
    assertThat(providers.simulator().journal().count(Provider.OPENAI)).isZero();
    assertThat(viewModel.summaryLineProperty().get()).isEmpty();

    viewModel.resume();
    waitFor(() -> !viewModel.summaryLineProperty().get().isEmpty());
    assertThat(viewModel.summaryLineProperty().get())
        .isEqualTo("Batch processing completed: 5 successful, 0 failed");
  }

  @Test
  void aFailedVideoIsRetriedInANewRun() throws Exception {
    // The simulator knows no video whose id starts with "missing".
    viewModel.urlsProperty().set("dQw4w9WgXcQ\nyoutu.be/missingvid1\n9bZkp7q19f0");
    viewModel.importUrls();
    idle();
    viewModel.start();
    waitFor(() -> !viewModel.summaryLineProperty().get().isEmpty());
    assertThat(viewModel.summaryLineProperty().get())
        .isEqualTo("Batch processing completed: 2 successful, 1 failed");
    assertThat(viewModel.hasFailuresProperty().get()).isTrue();
    assertThat(viewModel.items())
        .filteredOn(item -> item.state().equals("dead"))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.video()).isEqualTo("missingvid1");
              assertThat(item.step()).isEqualTo("Metadata");
              assertThat(item.lastError()).contains("videoNotFound");
            });

    viewModel.retryFailed();
    idle();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Sent 1 failed task back to the queue.");
    waitFor(
        () ->
            viewModel.runLineProperty().get().startsWith("Run 2 ")
                && !viewModel.summaryLineProperty().get().isEmpty());
    assertThat(viewModel.summaryLineProperty().get())
        .isEqualTo("Batch processing completed: 2 successful, 1 failed");
    assertThat(viewModel.items())
        .filteredOn(item -> item.state().equals("dead"))
        .singleElement()
        .as("tried again from a fresh count, and failed again for the same reason")
        .satisfies(
            item -> {
              assertThat(item.attempts()).isEqualTo(1);
              assertThat(item.lastError()).contains("videoNotFound");
            });
    assertThat(viewModel.history()).hasSize(2);
  }

  @Test
  void videosHandedOverByTheBrowserAreChosen() throws Exception {
    handoff.hand(Map.of(7L, "dQw4w9WgXcQ"));
    assertThat(viewModel.chosenLineProperty().get()).isEqualTo("1 video chosen from the browser");
  }

  @Test
  void theBrowsersFilterIsCountedThenEnqueuedByTheServiceAndTheRunOutlivesTheConsole()
      throws Exception {
    viewModel.urlsProperty().set(FIVE_AND_A_BAD_LINE + "\nxNN5kb2vu7M");
    viewModel.importUrls();
    idle();
    // One of the six is no longer pending: the filter leaves it out.
    context
        .data(context.profiles().active())
        .videos()
        .batchUpdateStatus(
            List.of(
                new VideoRepository.StatusUpdate(
                    context
                        .data(context.profiles().active())
                        .videos()
                        .getByVideoId("xNN5kb2vu7M")
                        .orElseThrow()
                        .id(),
                    VideoStatus.COMPLETED)));
    VideoFilter pending =
        VideoFilter.ALL
            .withStatus(Optional.of(VideoStatus.PENDING))
            .withCreated(
                Optional.of(Instant.parse("2000-01-01T00:00:00Z")),
                Optional.of(Instant.parse("2100-01-01T00:00:00Z")));

    handoff.handMatching(pending);
    idle();
    assertThat(viewModel.chosenLineProperty().get())
        .isEqualTo(
            "5 videos match the browser's filter: status pending · created 2000-01-01 to"
                + " 2099-12-31");

    viewModel.start();
    waitFor(() -> !viewModel.summaryLineProperty().get().isEmpty());
    assertThat(viewModel.summaryLineProperty().get())
        .isEqualTo("Batch processing completed: 5 successful, 0 failed");
    assertThat(viewModel.statusProperty().get())
        .isEqualTo(
            "Started run 1 over 5 videos matching status pending · created 2000-01-01 to"
                + " 2099-12-31.");
    assertThat(viewModel.items()).hasSize(10).allMatch(item -> item.state().equals("done"));
    assertThat(viewModel.history()).singleElement().asString().contains(" · run 1 finished: ");

    // Nothing matches now (every video is completed): Start says so and starts nothing.
    viewModel.start();
    idle();
    assertThat(viewModel.statusProperty().get())
        .startsWith("Could not start enrichment of the matching videos: no video matches status")
        .endsWith(": nothing to enrich");
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();

    // A new console over the same data directory shows the run, and numbers the next after it.
    viewModel.close();
    context.close();
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    open();
    assertThat(viewModel.history()).singleElement().asString().contains(" · run 1 finished: ");
    viewModel.urlsProperty().set("dQw4w9WgXcQ");
    viewModel.importUrls();
    idle();
    viewModel.stepChosenProperty(Step.CLIPS).set(false);
    viewModel.start();
    waitFor(() -> viewModel.history().size() == 2);
    assertThat(viewModel.history().getFirst()).contains(" · run 2 finished: 1 successful");
  }

  @Test
  void aMalformedRunHistoryIsKeptAsideAndReported() throws Exception {
    viewModel.close();
    Path file =
        RunHistory.forProfile(
                context.paths().dataDir(), context.profiles().active().name(), context.clock())
            .file()
            .orElseThrow();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{ \"version\": 1, \"runs\": [ {");

    open();

    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
    assertThat(viewModel.statusProperty().get())
        .startsWith("The run history was not readable: " + file)
        .contains("it was renamed to " + file + ".unreadable-")
        .endsWith("and a new run history begins.");
    assertThat(viewModel.history()).isEmpty();
    try (var kept = Files.list(file.getParent())) {
      assertThat(kept.map(path -> path.getFileName().toString()))
          .singleElement()
          .asString()
          .startsWith(file.getFileName() + ".unreadable-");
    }
  }

  private static ApiClientConfig.Builder quick(ApiClientConfig.Builder builder) {
    return builder
        .requestTimeout(Duration.ofSeconds(5))
        .backoff(BackoffPolicy.of(Duration.ofMillis(20), Duration.ofMillis(100)));
  }

  private void idle() throws InterruptedException {
    waitFor(() -> !viewModel.busyProperty().get());
  }

  private void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!fx.holds(condition)) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
