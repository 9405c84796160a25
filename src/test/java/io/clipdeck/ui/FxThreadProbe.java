package io.clipdeck.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps other work waiting: every {@code interval} a probe posts a
 * {@link Platform#runLater} stamped with the time it was posted, and records how late it ran. The
 * longest delay is the longest the FX thread was busy (or blocked) in one go, as a user would feel
 * it when a click or a frame had to wait.
 */
final class FxThreadProbe implements AutoCloseable {

  /** The delays seen, in nanoseconds, sorted. */
  record Delays(long[] sortedNanos) {

    int samples() {
      return sortedNanos.length;
    }

    double maxMillis() {
      return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    double percentileMillis(double percent) {
      if (sortedNanos.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(percent / 100.0 * sortedNanos.length) - 1;
      return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }

    long over(double millis) {
      long limit = (long) (millis * 1e6);
      long count = 0;
      for (long delay : sortedNanos) {
        if (delay > limit) {
          count++;
        }
      }
      return count;
    }
  }

  private final ScheduledExecutorService poster =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "fx-probe");
            thread.setDaemon(true);
            return thread;
          });
  // Only the FX thread adds to it.
  private final List<Long> delays = new ArrayList<>();
  private volatile boolean measuring = true;

  FxThreadProbe(long intervalMillis) {
    poster.scheduleAtFixedRate(
        () -> {
          long posted = System.nanoTime();
          Platform.runLater(
              () -> {
                if (measuring) {
                  delays.add(System.nanoTime() - posted);
                }
              });
        },
        0,
        intervalMillis,
        TimeUnit.MILLISECONDS);
  }

  /** Delays recorded so far; call on the FX thread. */
  int samplesSoFar() {
    return delays.size();
  }

  /** Stops measuring; call on the FX thread. */
  Delays stop() {
    measuring = false;
    poster.shutdownNow();
    return new Delays(delays.stream().mapToLong(Long::longValue).sorted().toArray());
  }

  @Override
  public void close() {
    measuring = false;
    poster.shutdownNow();
  }
}
