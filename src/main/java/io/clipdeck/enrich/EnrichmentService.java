package io.clipdeck.enrich;

import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.repo.VideoFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The console's enrichment: import pasted links, start a run over videos and steps, and keep the
 * history of runs. One run at a time per console; other consoles and workers may work the same
 * queue at once (on PostgreSQL and MySQL/MariaDB). Every method may wait on the database: call it
 * from a background thread.
 */
public final class EnrichmentService implements AutoCloseable {

  private final DataLayer data;
  private final Supplier<ProviderClients> providers;
  private final EnrichmentSettings settings;
  private final Clock clock;
  private final Duration tick;
  private final TaskQueue queue;
  private final RunHistory history;
  private final AtomicLong runIds;
  private final AtomicReference<EnrichmentRun> current = new AtomicReference<>();

  /** A start is enqueueing (a filter's may take minutes): another waits for it to be a run. */
  private final AtomicBoolean starting = new AtomicBoolean();

  /** Set by {@link #close}: a filter's walk still queueing stops after its current chunk. */
  private volatile boolean closed;

  /** A service whose run history lasts as long as it does. */
  public EnrichmentService(
      DataLayer data,
      Supplier<ProviderClients> providers,
      EnrichmentSettings settings,
      Clock clock,
      Duration tick) {
    this(data, providers, settings, clock, tick, new RunHistory());
  }

  /**
   * @param providers asked for the clients when a run starts (real ones from the settings, or the
   *     simulated ones); the service does not close them
   * @param tick how often a run reads its progress
   * @param history where ended runs are kept ({@link RunHistory#forProfile} in the console); new
   *     runs are numbered after the last one in it
   */
  public EnrichmentService(
      DataLayer data,
      Supplier<ProviderClients> providers,
      EnrichmentSettings settings,
      Clock clock,
      Duration tick,
      RunHistory history) {
    this.data = data;
    this.history = history;
    this.runIds =
        new AtomicLong(history.runs().stream().mapToLong(RunSummary::runId).max().orElse(0));
    this.providers = providers;
    this.settings = settings;
    this.clock = clock;
    this.tick = tick;
    this.queue = new TaskQueue(data, settings.queue(), clock);
  }

  public TaskQueue queue() {
    return queue;
  }

  public RunHistory history() {
    return history;
  }

  /** Parses pasted links and stores the new ones as pending videos. */
  public VideoImport.Result importUrls(String text) {
    return new VideoImport(data, clock).importUrls(text);
  }

  /** The steps the providers offer (thumbnail and narration only with their keys). */
  public Set<Step> availableSteps() {
    return Runner.available(providers.get());
  }

  /** Whether the providers are the simulator's, to label them so. */
  public boolean simulatedProviders() {
    return providers.get().simulated();
  }

  /** How many videos match {@code filter} now: what {@link #startMatching} would take. */
  public long countMatching(VideoFilter filter) {
    return data.videos().count(filter);
  }

  /**
   * Enqueues every (video, step) and starts working the queue.
   *
   * @throws IllegalStateException when a run is still going
   * @throws IllegalArgumentException when nothing is chosen or a step lacks its provider
   */
  public EnrichmentRun start(List<Long> videoIds, Set<Step> steps) {
    if (videoIds.isEmpty()) {
      throw new IllegalArgumentException("choose at least one video to enrich");
    }
    return begin(
        steps,
        () -> {
          queue.enqueue(videoIds, steps);
          return videoIds;
        });
  }

  /**
   * Enqueues every video matching {@code filter} as it is when each is reached, a chunk at a time
   * (see {@link TaskQueue#enqueueMatching}), then starts working the queue over them. A video
   * already queued for a step is not queued again; one done stays done.
   *
   * @param progress told the number of videos enqueued so far, on this thread
   * @throws IllegalArgumentException when no video matches
   */
  public EnrichmentRun startMatching(VideoFilter filter, Set<Step> steps, LongConsumer progress) {
    return begin(
        steps,
        () -> {
          List<Long> found =
              queue
                  .enqueueMatching(
                      filter,
                      steps,
                      queued -> {
                        if (closed) {
                          // The chunks queued so far stay queued: a worker or the next run does
                          // them, as it does a cancelled run's.
                          throw new CancellationException(
                              "the console closed after queueing " + queued + " videos");
                        }
                        progress.accept(queued);
                      })
                  .videoIds();
          if (found.isEmpty()) {
            throw new IllegalArgumentException(
                "no video matches " + filter.describe(clock.getZone()) + ": nothing to enrich");
          }
          return found;
        });
  }

  /** A run over the same videos and steps as {@code previous} (after Retry failed, say). */
  public EnrichmentRun startAgain(EnrichmentRun previous) {
    return start(previous.videoIds(), previous.steps());
  }

  private EnrichmentRun begin(Set<Step> steps, Supplier<List<Long>> enqueue) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("choose at least one step to run");
    }
    if (!starting.compareAndSet(false, true)) {
      throw new IllegalStateException("a run is being started: wait for it to begin");
    }
    try {
      EnrichmentRun running = current.get();
      if (running != null && !running.state().over()) {
        throw new IllegalStateException(
            "run " + running.id() + " is still going: cancel it or wait for it to finish");
      }
      Runner runner = new Runner(queue, providers.get(), settings, EnumSet.copyOf(steps), clock);
      List<Long> videoIds = enqueue.get();
      EnrichmentRun run =
          new EnrichmentRun(
              runIds.incrementAndGet(), videoIds, steps, queue, runner, clock, tick, history);
      current.set(run);
      run.start();
      return run;
    } finally {
      starting.set(false);
    }
  }

  public Optional<EnrichmentRun> current() {
    return Optional.ofNullable(current.get());
  }

  /** Cancels a run still going, interrupting its calls (their tasks go back to the queue). */
  @Override
  public void close() {
    closed = true;
    EnrichmentRun run = current.get();
    if (run != null && !run.state().over()) {
      run.cancel(false);
      run.summary()
          .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
          .exceptionally(e -> null)
          .join();
    }
  }
}
