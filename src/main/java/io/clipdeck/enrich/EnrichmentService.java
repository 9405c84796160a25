package io.clipdeck.enrich;

import io.clipdeck.api.ProviderClients;
import io.clipdeck.data.DataLayer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
  private final RunHistory history = new RunHistory();
  private final AtomicLong runIds = new AtomicLong();
  private final AtomicReference<EnrichmentRun> current = new AtomicReference<>();

  /**
   * @param providers asked for the clients when a run starts (real ones from the settings, or the
   *     simulated ones); the service does not close them
   * @param tick how often a run reads its progress
   */
  public EnrichmentService(
      DataLayer data,
      Supplier<ProviderClients> providers,
      EnrichmentSettings settings,
      Clock clock,
      Duration tick) {
    this.data = data;
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
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("choose at least one step to run");
    }
    EnrichmentRun running = current.get();
    if (running != null && !running.state().over()) {
      throw new IllegalStateException(
          "run " + running.id() + " is still going: cancel it or wait for it to finish");
    }
    Runner runner = new Runner(queue, providers.get(), settings, EnumSet.copyOf(steps), clock);
    queue.enqueue(videoIds, steps);
    EnrichmentRun run =
        new EnrichmentRun(
            runIds.incrementAndGet(), videoIds, steps, queue, runner, clock, tick, history);
    current.set(run);
    run.start();
    return run;
  }

  public Optional<EnrichmentRun> current() {
    return Optional.ofNullable(current.get());
  }

  /** Cancels a run still going, interrupting its calls (their tasks go back to the queue). */
  @Override
  public void close() {
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
