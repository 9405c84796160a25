package io.clipdeck.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the JavaFX thread is busy, two ways, per window (one dashboard tick, one page):
 *
 * <ul>
 *   <li><b>tasks</b>: the longest runnable the view model hands to its FX executor (wrap the
 *       executor with {@link #timed()}): what applying a snapshot or a page costs;
 *   <li><b>stall</b>: a runnable posted every millisecond records how late it ran; the longest
 *       delay is the longest time the FX thread did something else (a task, or a pulse's CSS,
 *       layout and rendering) — what the user would feel as a frozen window.
 * </ul>
 */
final class FxThreadProbe implements AutoCloseable {

  /** One window's figures, in milliseconds. */
  record Window(double longestTaskMs, double longestStallMs, long tasks) {}

  private final AtomicLong longestTask = new AtomicLong();
  private final AtomicLong longestStall = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("fx-probe").daemon().factory());

  FxThreadProbe() {
    ticker.scheduleAtFixedRate(this::post, 1, 1, TimeUnit.MILLISECONDS);
  }

  /** The FX executor for a view model: Platform.runLater, each runnable timed. */
  Executor timed() {
    return command ->
        Platform.runLater(
            () -> {
              long start = System.nanoTime();
              try {
                command.run();
              } finally {
                longestTask.accumulateAndGet(System.nanoTime() - start, Math::max);
                tasks.incrementAndGet();
              }
            });
  }

  private void post() {
    // One probe at a time: a stalled FX thread must not pile up a backlog of probes.
    if (inFlight.get() > 0) {
      return;
    }
    inFlight.incrementAndGet();
    long posted = System.nanoTime();
    Platform.runLater(
        () -> {
          longestStall.accumulateAndGet(System.nanoTime() - posted, Math::max);
          inFlight.decrementAndGet();
        });
  }

  /** The figures since the previous call, and a fresh window. */
  Window window() {
    return new Window(
        longestTask.getAndSet(0) / 1e6, longestStall.getAndSet(0) / 1e6, tasks.getAndSet(0));
  }

  /** Windows of {@code millis} each, {@code count} of them, measured from now. */
  List<Window> windows(int count, long millis) throws InterruptedException {
    window();
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Thread.sleep(millis);
      windows.add(window());
    }
    return windows;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
