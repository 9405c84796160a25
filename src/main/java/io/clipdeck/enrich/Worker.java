package io.clipdeck.enrich;

import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.data.repo.DataLayer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The headless worker behind {@code clipdeck worker}: works every queued task of the steps its
 * providers offer, from any console's run, until stopped (or, with {@code untilIdle}, until the
 * queue has nothing pending or running). Several workers share one queue on PostgreSQL and
 * MySQL/MariaDB; on SQLite run one.
 */
public final class Worker {

  private final TaskQueue queue;
  private final ProviderClients clients;
  private final EnrichmentSettings settings;
  private final Clock clock;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile Runner runner;

  public Worker(DataLayer data, ProviderClients clients, EnrichmentSettings settings, Clock clock) {
    this.queue = new TaskQueue(data, settings.queue(), clock);
    this.clients = clients;
    this.settings = settings;
    this.clock = clock;
  }

  public TaskQueue queue() {
    return queue;
  }

  /**
   * Runs until {@link #stop()} (or idle, with {@code untilIdle}); reports a line to {@code log}
   * every {@code reportEvery}.
   *
   * @return tasks this worker committed
   */
  public long run(Set<Step> steps, boolean untilIdle, Duration reportEvery, Consumer<String> log)
      throws InterruptedException {
    Set<Step> chosen = steps.isEmpty() ? Runner.available(clients) : EnumSet.copyOf(steps);
    Runner started = new Runner(queue, clients, settings, chosen, clock).start();
    runner = started;
    log.accept("Worker started on " + Step.ordered(chosen) + " (" + describeProviders() + ")");
    try {
      long lastReport = System.nanoTime();
      while (!stop.await(
          settings.idlePoll().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() - lastReport >= reportEvery.toNanos()) {
          lastReport = System.nanoTime();
          log.accept(report(started));
        }
        if (untilIdle && started.inFlight() == 0 && idle(chosen)) {
          break;
        }
      }
    } finally {
      started.cancel(!Thread.currentThread().isInterrupted());
      started.stopped().join();
      log.accept("Worker stopped: " + report(started));
    }
    return started.committed();
  }

  private boolean idle(Set<Step> steps) {
    try {
      return queue.openTasks(steps) == 0;
    } catch (io.clipdeck.data.DataException e) {
      // The database is away (a restart): not idle, it only cannot say so yet.
      return false;
    }
  }

  /** Asks {@link #run} to stop; calls in flight finish first. */
  public void stop() {
    stop.countDown();
  }

  private String describeProviders() {
    return clients.simulated() ? "simulated providers" : "configured providers";
  }

  private static String report(Runner runner) {
    StringBuilder text =
        new StringBuilder()
            .append(runner.committed())
            .append(" tasks done, ")
            .append(runner.inFlight())
            .append(" in flight");
    runner.providers().forEach(state -> text.append("; ").append(state.describe()));
    return text.toString();
  }

  /** The running runner, for tests that look inside. */
  Runner runner() {
    return runner;
  }
}
