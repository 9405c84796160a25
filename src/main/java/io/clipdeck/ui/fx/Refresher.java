package io.clipdeck.ui.fx;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a view model's refresh on a worker at once and then at an interval, while its view is on
 * screen: the scheduler only ticks, the reading happens on the workers.
 */
public final class Refresher {

  private final ScheduledExecutorService scheduler;
  private final Executor workers;
  private final Supplier<Duration> interval;
  private final Runnable refresh;
  private ScheduledFuture<?> ticks;

  public Refresher(
      ScheduledExecutorService scheduler, Executor workers, Duration interval, Runnable refresh) {
    this(scheduler, workers, () -> interval, refresh);
  }

  /** An interval read each time the view comes on screen: a changed setting applies then. */
  public Refresher(
      ScheduledExecutorService scheduler,
      Executor workers,
      Supplier<Duration> interval,
      Runnable refresh) {
    this.scheduler = scheduler;
    this.workers = workers;
    this.interval = interval;
    this.refresh = refresh;
  }

  public synchronized void start() {
    if (ticks == null) {
      ticks =
          scheduler.scheduleWithFixedDelay(
              () -> workers.execute(refresh), 0, interval.get().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  public synchronized void stop() {
    if (ticks != null) {
      ticks.cancel(false);
      ticks = null;
    }
  }
}
