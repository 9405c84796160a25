package io.clipdeck.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch a user started: its videos and steps, the runner working them, and a monitor that reads
 * the run's counts from the database every tick (so work done by other workers on the same queue
 * counts too), publishes a {@link RunProgress} and ends the run when no task of it is pending or
 * running any more.
 */
public final class EnrichmentRun {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichmentRun.class);
  private static final Duration RATE_WINDOW = Duration.ofSeconds(30);

  private final long id;
  private final List<Long> videoIds;
  private final Set<Step> steps;
  private final TaskQueue queue;
  private final Runner runner;
  private final Clock clock;
  private final Duration tick;
  private final RunHistory history;
  private final Instant started;
  private final List<Consumer<RunProgress>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<RunProgress> latest = new AtomicReference<>();
  private final AtomicReference<RunState> state = new AtomicReference<>(RunState.RUNNING);
  private final CompletableFuture<RunSummary> summary = new CompletableFuture<>();
  private final Deque<long[]> rateSamples = new ArrayDeque<>();

  EnrichmentRun(
      long id,
      List<Long> videoIds,
      Set<Step> steps,
      TaskQueue queue,
      Runner runner,
      Clock clock,
      Duration tick,
      RunHistory history) {
    this.id = id;
    // A filter's run comes as VideoIds, already unmodifiable and far smaller than a copy.
    this.videoIds = videoIds instanceof VideoIds compact ? compact : List.copyOf(videoIds);
    this.steps = EnumSet.copyOf(steps);
    this.queue = queue;
    this.runner = runner;
    this.clock = clock;
    this.tick = tick;
    this.history = history;
    this.started = clock.instant();
  }

  void start() {
    runner.start();
    Thread.ofVirtual().name("clipdeck-enrich-run-" + id).start(this::monitor);
  }

  public long id() {
    return id;
  }

  public List<Long> videoIds() {
    return videoIds;
  }

  public Set<Step> steps() {
    return EnumSet.copyOf(steps);
  }

  public RunState state() {
    return state.get();
  }

  /** The latest snapshot, or an empty one before the first tick. */
  public RunProgress progress() {
    RunProgress now = latest.get();
    return now != null ? now : snapshot(Map.of());
  }

  /** Told every snapshot, on the monitor's thread; hand it to the FX thread yourself. */
  public void subscribe(Consumer<RunProgress> listener) {
    listeners.add(listener);
  }

  public void unsubscribe(Consumer<RunProgress> listener) {
    listeners.remove(listener);
  }

  /** Completes with the summary when the run finishes or is cancelled. */
  public CompletableFuture<RunSummary> summary() {
    return summary;
  }

  public void pause() {
    if (state.compareAndSet(RunState.RUNNING, RunState.PAUSED)) {
      runner.pause();
    }
  }

  public void resume() {
    if (state.compareAndSet(RunState.PAUSED, RunState.RUNNING)) {
      runner.resume();
    }
  }

  /** Stops the run; in-flight calls finish, or are interrupted with their tasks put back. */
  public void cancel(boolean finishInFlight) {
    RunState before = state.getAndUpdate(now -> now.over() ? now : RunState.CANCELLING);
    if (!before.over()) {
      runner.cancel(finishInFlight);
    }
  }

  /** Sends this run's dead-lettered tasks back to the queue; a running run picks them up. */
  public int retryFailed() {
    return queue.retryDead(videoIds);
  }

  /** Up to {@code limit} of the run's tasks with their state, attempts and last error. */
  public List<TaskRow> items(int limit) {
    return queue.tasks(videoIds, steps, limit);
  }

  private void monitor() {
    try {
      while (true) {
        Map<Step, Map<TaskState, Long>> counts;
        long readStarted = System.nanoTime();
        try {
          counts = queue.counts(videoIds, steps);
        } catch (RuntimeException e) {
          LOG.warn("Run {}: cannot read its progress: {}", id, e.getMessage());
          Thread.sleep(tick.multipliedBy(4));
          continue;
        }
        RunProgress snapshot = snapshot(counts);
        latest.set(snapshot);
        listeners.forEach(listener -> listener.accept(snapshot));
        boolean open =
            counts.values().stream()
                .anyMatch(
                    byState ->
                        byState.get(TaskState.PENDING) > 0 || byState.get(TaskState.RUNNING) > 0);
        if (state.get() == RunState.CANCELLING) {
          runner.stopped().join();
          end(RunState.CANCELLED);
          return;
        }
        if (!open && runner.inFlight() == 0) {
          runner.cancel(true);
          runner.stopped().join();
          end(RunState.FINISHED);
          return;
        }
        Thread.sleep(pause(Duration.ofNanos(System.nanoTime() - readStarted)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Run {}: the monitor stopped", id, e);
      runner.cancel(true);
      end(RunState.CANCELLED);
    }
  }

  /**
   * The wait before the next progress read: the tick, or four times what the last read took when
   * that is longer, so counting a huge run (a million videos are 2,000 chunked reads) spends at
   * most a fifth of the time on the database.
   */
  private Duration pause(Duration lastRead) {
    Duration paced = lastRead.multipliedBy(4);
    return paced.compareTo(tick) > 0 ? paced : tick;
  }

  private void end(RunState outcome) {
    state.set(outcome);
    Map<Step, Map<TaskState, Long>> counts = Map.of();
    long unfinished = videoIds.size();
    try {
      counts = queue.counts(videoIds, steps);
      unfinished = queue.unfinishedVideos(videoIds, steps);
    } catch (RuntimeException e) {
      LOG.warn("Run {}: cannot count its outcome: {}", id, e.getMessage());
    }
    RunProgress last = snapshot(counts);
    latest.set(last);
    listeners.forEach(listener -> listener.accept(last));
    RunSummary result =
        new RunSummary(
            id,
            outcome,
            started,
            clock.instant(),
            Step.ordered(steps),
            videoIds.size(),
            videoIds.size() - unfinished,
            unfinished,
            last.overall().done(),
            last.overall().failed());
    LOG.info("Run {}: {}", id, result.describe());
    history.add(result);
    summary.complete(result);
  }

  private RunProgress snapshot(Map<Step, Map<TaskState, Long>> counts) {
    List<StepProgress> perStep = new ArrayList<>();
    long total = 0;
    long done = 0;
    long failed = 0;
    for (Step step : Step.ordered(steps)) {
      Map<TaskState, Long> byState = counts.getOrDefault(step, Map.of());
      long stepDone = byState.getOrDefault(TaskState.DONE, 0L);
      long stepFailed = byState.getOrDefault(TaskState.DEAD, 0L);
      long stepTotal = byState.values().stream().mapToLong(Long::longValue).sum();
      if (counts.isEmpty()) {
        stepTotal = videoIds.size();
      }
      perStep.add(
          new StepProgress(
              step, stepTotal, stepDone, stepFailed, stepTotal - stepDone - stepFailed));
      total += stepTotal;
      done += stepDone;
      failed += stepFailed;
    }
    Instant now = clock.instant();
    double rate = rate(now, done + failed);
    long remaining = total - done - failed;
    Optional<Duration> eta =
        rate > 0 && remaining > 0
            ? Optional.of(Duration.ofMillis((long) (remaining / rate * 1000)))
            : Optional.empty();
    return new RunProgress(
        id,
        state.get(),
        now,
        videoIds.size(),
        new StepProgress(null, total, done, failed, remaining),
        perStep,
        rate,
        eta,
        runner.providers());
  }

  /** Tasks finished per second over the last {@link #RATE_WINDOW}. */
  private synchronized double rate(Instant now, long finished) {
    long millis = now.toEpochMilli();
    rateSamples.addLast(new long[] {millis, finished});
    while (rateSamples.size() > 2 && millis - rateSamples.peekFirst()[0] > RATE_WINDOW.toMillis()) {
      rateSamples.removeFirst();
    }
    long[] first = rateSamples.peekFirst();
    long elapsed = millis - first[0];
    return elapsed <= 0 ? 0 : (finished - first[1]) * 1000.0 / elapsed;
  }
}
