package io.clipdeck.enrich;

import io.clipdeck.api.ApiClient;
import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiException;
import io.clipdeck.api.MetricsSnapshot;
import io.clipdeck.api.Provider;
import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.data.DataException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the queue: one lane per step, each claiming as many tasks as its provider has free call
 * slots, making the calls on virtual threads outside any transaction and committing each result
 * through the queue's fence. A provider that is parked (quota), whose breaker is open or that is
 * rate limited stops only its own lane, until the time it gave; the others go on.
 *
 * <p>{@link #pause()} stops claiming (calls in flight finish), {@link #cancel(boolean)} stops for
 * good, letting calls in flight finish or interrupting them and putting their tasks back.
 *
 * <p>Longer than most classes because the lanes, the in-flight slots, pause/cancel and the lease
 * heartbeat share one state machine under one lock; split apart, each piece would have to reach
 * into the others' state.
 */
public final class Runner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
  private static final Duration RECHECK = Duration.ofSeconds(1);

  /** Between tries of a queue write while the database is away: 50 ms doubling to 2 s. */
  private static final io.clipdeck.api.BackoffPolicy SETTLE_BACKOFF =
      io.clipdeck.api.BackoffPolicy.of(Duration.ofMillis(100), Duration.ofSeconds(2));

  /** Where a runner stands. */
  public enum State {
    RUNNING,
    PAUSED,
    STOPPING,
    STOPPED
  }

  private final TaskQueue queue;
  private final ProviderClients clients;
  private final EnrichmentSettings settings;
  private final Clock clock;
  private final Map<Step, Lane> lanes = new EnumMap<>(Step.class);
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<ClaimedTask, Future<?>> inFlight = new ConcurrentHashMap<>();
  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  /** Renews the leases of the calls in flight every lease/3, on a virtual thread. */
  private final java.util.concurrent.ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("enrich-heartbeat").factory());

  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong lostLeases = new AtomicLong();
  private final List<Future<?>> loops = new ArrayList<>();

  /**
   * Signalled whenever a unit of work leaves {@link #inFlight}, so a stop waits without polling.
   */
  private final java.util.concurrent.locks.ReentrantLock idleLock =
      new java.util.concurrent.locks.ReentrantLock();

  private final java.util.concurrent.locks.Condition idle = idleLock.newCondition();

  /**
   * @param steps the steps to work; a step whose provider the clients lack is refused
   */
  public Runner(
      TaskQueue queue,
      ProviderClients clients,
      EnrichmentSettings settings,
      Set<Step> steps,
      Clock clock) {
    this.queue = queue;
    this.clients = clients;
    this.settings = settings;
    this.clock = clock;
    for (Step step : Step.ordered(steps)) {
      lanes.put(step, new Lane(step, work(step), settings.concurrency(step.provider())));
    }
  }

  /** The steps these clients can run: the optional ones only when their provider is there. */
  public static Set<Step> available(ProviderClients clients) {
    Set<Step> steps = java.util.EnumSet.noneOf(Step.class);
    for (Step step : Step.values()) {
      if (clients.api(step.provider()).isPresent()) {
        steps.add(step);
      }
    }
    return steps;
  }

  private StepWork work(Step step) {
    return switch (step) {
      case METADATA -> new MetadataWork(clients.youtube());
      case CLIPS ->
          new ClipsWork(clients.openAi(), settings.captionStyle(), settings.captionLanguage());
      case THUMBNAIL ->
          new ThumbnailWork(
              clients.stability().orElseThrow(() -> missing(step)), settings.thumbnailDirectory());
      case NARRATION ->
          new NarrationWork(
              clients.elevenLabs().orElseThrow(() -> missing(step)),
              settings.voiceId(),
              settings.speechModel(),
              settings.narrationDirectory());
    };
  }

  private static IllegalArgumentException missing(Step step) {
    return new IllegalArgumentException(
        "The "
            + step.label().toLowerCase(java.util.Locale.ROOT)
            + " step needs "
            + step.provider().displayName()
            + ", which these providers do not include: add its key in the settings or leave the"
            + " step out");
  }

  /** Starts the lanes and the lease heartbeat; returns at once. */
  public Runner start() {
    for (Lane lane : lanes.values()) {
      loops.add(threads.submit(() -> laneLoop(lane)));
    }
    long every = queue.settings().lease().dividedBy(3).toMillis();
    heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  public Set<Step> steps() {
    return lanes.keySet();
  }

  public State state() {
    return state.get();
  }

  /** Stops claiming; calls in flight finish and commit. */
  public void pause() {
    state.compareAndSet(State.RUNNING, State.PAUSED);
  }

  public void resume() {
    if (state.compareAndSet(State.PAUSED, State.RUNNING)) {
      lanes.values().forEach(Lane::wake);
    }
  }

  /**
   * Stops for good. With {@code finishInFlight} the calls running now finish and commit; without,
   * they are interrupted and their tasks go back to the queue (their attempt not counted).
   */
  public void cancel(boolean finishInFlight) {
    State before = state.getAndUpdate(now -> now == State.STOPPED ? now : State.STOPPING);
    if (before == State.STOPPED) {
      return;
    }
    lanes.values().forEach(Lane::wake);
    if (!finishInFlight) {
      inFlight.values().forEach(future -> future.cancel(true));
    }
    threads.submit(this::awaitStop);
  }

  private void awaitStop() {
    try {
      for (Future<?> loop : loops) {
        try {
          loop.get();
        } catch (java.util.concurrent.ExecutionException | CancellationException e) {
          LOG.warn("An enrichment lane ended with {}", String.valueOf(e.getCause()));
        }
      }
      idleLock.lock();
      try {
        while (!inFlight.isEmpty()) {
          idle.await();
        }
      } finally {
        idleLock.unlock();
      }
      heartbeats.shutdownNow(); // nothing in flight is left to renew
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      state.set(State.STOPPED);
      stopped.complete(null);
    }
  }

  /** Completes when the runner has stopped and nothing of it is in flight. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Tasks this runner committed as done. */
  public long committed() {
    return committed.get();
  }

  /** Results this runner dropped because another worker held the task by then. */
  public long lostLeases() {
    return lostLeases.get();
  }

  /** Calls running now. */
  public int inFlight() {
    return inFlight.size();
  }

  /** The providers of this runner's steps, as they stand now. */
  public List<ProviderLane> providers() {
    List<ProviderLane> states = new ArrayList<>();
    Map<Provider, List<Lane>> byProvider = new EnumMap<>(Provider.class);
    lanes
        .values()
        .forEach(
            lane ->
                byProvider.computeIfAbsent(lane.step.provider(), p -> new ArrayList<>()).add(lane));
    Instant now = clock.instant();
    byProvider.forEach(
        (provider, providerLanes) -> {
          Optional<ApiClient> api = clients.api(provider);
          MetricsSnapshot metrics = api.map(ApiClient::metrics).orElse(null);
          Lane lane = providerLanes.getFirst();
          Lane.Block block =
              api.flatMap(ApiClient::parked)
                  .filter(parked -> parked.until().isAfter(now))
                  .map(parked -> new Lane.Block(parked.until(), "parked: " + parked.reason()))
                  .orElse(lane.block.get());
          boolean waiting = block != null && block.until().isAfter(now);
          states.add(
              new ProviderLane(
                  provider,
                  api.map(ApiClient::breakerState).orElse("-"),
                  waiting ? Optional.of(block.until()) : Optional.empty(),
                  waiting ? block.reason() : "",
                  providerLanes.stream().mapToInt(Lane::inFlight).sum(),
                  providerLanes.stream().mapToInt(l -> l.slots).sum(),
                  metrics == null ? 0 : metrics.requests(),
                  metrics == null ? 0 : metrics.limiterWaits(),
                  metrics == null ? 0 : metrics.errorCount()));
        });
    return states;
  }

  // ---------------------------------------------------------------- lanes

  /** One step's loop: claim up to the free slots, hand each unit to a virtual thread. */
  private final class Lane {
    record Block(Instant until, String reason) {}

    final Step step;
    final StepWork work;
    final int slots;
    final Semaphore free;
    final Semaphore signal = new Semaphore(0);
    final AtomicReference<Block> block = new AtomicReference<>();

    Lane(Step step, StepWork work, int slots) {
      this.step = step;
      this.work = work;
      this.slots = slots;
      this.free = new Semaphore(slots);
    }

    int inFlight() {
      return slots - free.availablePermits();
    }

    void wake() {
      signal.release();
    }

    /** Waits up to {@code timeout} or until woken, whichever comes first. */
    void await(Duration timeout) throws InterruptedException {
      if (signal.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
        signal.drainPermits();
      }
    }

    void blockUntil(Instant until, String reason) {
      block.accumulateAndGet(
          new Block(until, reason),
          (old, fresh) -> old != null && old.until().isAfter(fresh.until()) ? old : fresh);
    }
  }

  private void laneLoop(Lane lane) {
    try {
      while (state.get() != State.STOPPING && state.get() != State.STOPPED) {
        if (state.get() == State.PAUSED) {
          lane.await(Duration.ofMillis(200));
          continue;
        }
        Instant now = clock.instant();
        Optional<Instant> blocked = blockedUntil(lane, now);
        if (blocked.isPresent()) {
          // Looked at again every second: a parking can be lifted early (unpark).
          Duration left = Duration.between(now, blocked.get());
          lane.await(left.compareTo(RECHECK) < 0 ? left : RECHECK);
          continue;
        }
        int free = lane.free.availablePermits();
        if (free == 0) {
          lane.await(settings.idlePoll());
          continue;
        }
        List<ClaimedTask> claimed;
        try {
          claimed = queue.claim(lane.step, free * lane.work.batchSize());
        } catch (DataException e) {
          LOG.warn("Cannot claim {} tasks: {}", lane.step.id(), e.getMessage());
          lane.await(settings.idlePoll().multipliedBy(4));
          continue;
        }
        if (claimed.isEmpty()) {
          lane.await(settings.idlePoll());
          continue;
        }
        for (int from = 0; from < claimed.size(); from += lane.work.batchSize()) {
          List<ClaimedTask> unit =
              List.copyOf(
                  claimed.subList(from, Math.min(claimed.size(), from + lane.work.batchSize())));
          lane.free.acquire();
          CompletableFuture<Void> started = new CompletableFuture<>();
          Future<?> future =
              threads.submit(
                  () -> {
                    started.join();
                    execute(lane, unit);
                  });
          unit.forEach(task -> inFlight.put(task, future));
          started.complete(null);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** When the lane may claim again, if its provider told it to wait. */
  private Optional<Instant> blockedUntil(Lane lane, Instant now) {
    Lane.Block block = lane.block.get();
    if (block != null && block.until().isAfter(now)) {
      return Optional.of(block.until());
    }
    return clients
        .api(lane.step.provider())
        .flatMap(ApiClient::parked)
        .map(io.clipdeck.api.Parking.Parked::until)
        .filter(until -> until.isAfter(now));
  }

  private void execute(Lane lane, List<ClaimedTask> unit) {
    try {
      Map<Long, VideoInput> videos =
          VideoInput.read(
              queue.data().executor(), unit.stream().map(ClaimedTask::videoId).distinct().toList());
      settle(lane, lane.work.run(unit, videos));
    } catch (CancellationException e) {
      putBack(unit, "cancelled while running; back in the queue");
    } catch (DataException e) {
      // The lease runs out and the task returns to the queue; its writes were never made.
      LOG.warn("{} tasks could not be settled: {}", lane.step.id(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} tasks failed unexpectedly", lane.step.id(), e);
      unit.forEach(task -> settleSafely(() -> queue.fail(task, describe(e), false)));
    } finally {
      idleLock.lock();
      try {
        unit.forEach(inFlight::remove);
        idle.signalAll();
      } finally {
        idleLock.unlock();
      }
      lane.free.release();
      lane.wake();
    }
  }

  /**
   * Commits the answered tasks of a unit in one transaction (a YouTube batch is 50) and settles the
   * failed ones one by one.
   */
  private void settle(Lane lane, List<StepResult> results) {
    // A call that answered is paid for: commit it even when a cancel interrupted the thread.
    Thread.interrupted();
    Map<ClaimedTask, TaskQueue.DomainWrite> done = new java.util.LinkedHashMap<>();
    for (StepResult result : results) {
      switch (result) {
        case StepResult.Done answered -> done.put(answered.task(), answered.write());
        case StepResult.Failed failed -> failed(lane, failed.task(), failed.error());
      }
    }
    if (done.isEmpty()) {
      return;
    }
    Map<ClaimedTask, TaskQueue.Commit> commits = settleSafely(() -> queue.completeAll(done));
    if (commits == null) {
      return;
    }
    commits.forEach(
        (task, commit) -> {
          if (commit == TaskQueue.Commit.LEASE_LOST) {
            lostLeases.incrementAndGet();
            LOG.info("Task {} ({}) was taken over by another worker", task.id(), task.step().id());
          } else {
            committed.incrementAndGet();
          }
        });
    wakeNext(lane.step);
  }

  private void failed(Lane lane, ClaimedTask task, RuntimeException error) {
    if (error instanceof CancellationException) {
      putBack(List.of(task), "cancelled while running; back in the queue");
      return;
    }
    if (!(error instanceof ApiException api)) {
      boolean permanent = error instanceof IllegalArgumentException;
      settleSafely(() -> queue.fail(task, describe(error), permanent));
      return;
    }
    Instant now = clock.instant();
    Optional<ApiClient> client = clients.api(task.step().provider());
    switch (api.kind()) {
      case QUOTA_EXHAUSTED -> {
        // The parking holds the lane (and lifts with it, e.g. after an unpark); without one, a
        // minute. The task may be claimed as soon as the lane runs again.
        if (client.flatMap(ApiClient::parked).isEmpty()) {
          lane.blockUntil(
              api.retryAt().orElse(now.plus(Duration.ofMinutes(1))), "quota: " + api.reason());
        }
        settleSafely(() -> queue.postpone(task, now, "Waiting for quota: " + api.getMessage()));
      }
      case CIRCUIT_OPEN -> {
        Instant until =
            api.retryAt()
                .orElseGet(
                    () ->
                        now.plus(
                            client
                                .map(c -> c.config().breakerOpenWait())
                                .orElse(Duration.ofSeconds(30))));
        lane.blockUntil(until, "breaker open");
        settleSafely(
            () -> queue.postpone(task, until, "Waiting for the breaker: " + api.getMessage()));
      }
      case RATE_LIMITED -> {
        // Snoozed, not slept on: the client parked the provider for a long Retry-After (or the
        // limiter said when its window reopens); only this provider's lane waits.
        Instant until =
            api.retryAt()
                .orElseGet(
                    () ->
                        now.plus(
                            queue.settings().backoff(1, ThreadLocalRandom.current().nextDouble())));
        lane.blockUntil(until, "rate limited");
        settleSafely(() -> queue.postpone(task, until, "Rate limited: " + api.getMessage()));
      }
      default -> {
        // An unexpected answer was paid for and would come the same again: no automatic retry.
        boolean permanent =
            api.kind() == ApiErrorKind.BAD_REQUEST
                || api.kind() == ApiErrorKind.NOT_FOUND
                || api.kind() == ApiErrorKind.REJECTED
                || api.kind() == ApiErrorKind.UNEXPECTED_ANSWER
                || api.kind() == ApiErrorKind.UNAUTHORIZED;
        settleSafely(() -> queue.fail(task, api.getMessage(), permanent));
      }
    }
  }

  private void wakeNext(Step finished) {
    for (Lane lane : lanes.values()) {
      if (lane.step.ordinal() > finished.ordinal()) {
        lane.wake();
        return;
      }
    }
  }

  private void putBack(List<ClaimedTask> tasks, String reason) {
    // Cleared so the database calls below are not refused for the interrupt.
    Thread.interrupted();
    tasks.forEach(task -> settleSafely(() -> queue.postpone(task, clock.instant(), reason)));
  }

  /**
   * Runs a queue write, trying again while the database is away (a restart, a killed connection):
   * the fence makes a repeat harmless. Gives up after about 10 s; the lease then returns the task.
   */
  private <T> T settleSafely(java.util.function.Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (RuntimeException e) {
        if (!TaskQueue.transientFailure(e) || attempt >= 8) {
          LOG.warn(
              "A task result could not be saved; its lease will return it: {}", e.getMessage());
          return null;
        }
        // The same backoff with jitter as the API clients: workers that lost the database together
        // do not all come back in the same instant. Bounded: 8 tries, about 10 s in all.
        try {
          Thread.sleep(SETTLE_BACKOFF.delay(attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  /** One beat: renews the leases of the calls in flight, so a live worker keeps its tasks. */
  private void heartbeat() {
    if (inFlight.isEmpty()) {
      return;
    }
    try {
      queue.renew(List.copyOf(inFlight.keySet()));
    } catch (DataException e) {
      LOG.warn("Could not renew the leases of running tasks: {}", e.getMessage());
    } catch (RuntimeException e) {
      // A failed beat must not end the schedule: the next one tries again.
      LOG.warn("A lease heartbeat failed: {}", String.valueOf(e));
    }
  }

  private static String describe(RuntimeException error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Cancels (interrupting calls in flight) and waits briefly for the threads to end. */
  @Override
  public void close() {
    cancel(false);
    try {
      stopped.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("The enrichment runner did not stop within 10 s");
    }
    heartbeats.shutdownNow();
    threads.shutdownNow();
  }
}
