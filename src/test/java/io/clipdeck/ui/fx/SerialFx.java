package io.clipdeck.ui.fx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The FX thread's guarantees for view-model tests without a toolkit: what is handed to it runs one
 * at a time, and never inside the task that hands it over (as {@code Platform.runLater} never
 * does). It runs on the calling thread, under a lock, so a test sees the result at once; a task
 * handed over from inside a running task (a job that completed before its apply was registered)
 * runs right after that task, not in its middle.
 */
public final class SerialFx implements Executor {

  private final Object turn = new Object();
  private final ThreadLocal<Deque<Runnable>> later = new ThreadLocal<>();

  /** Evaluates {@code condition} between two FX tasks, never in the middle of one. */
  public boolean holds(BooleanSupplier condition) {
    synchronized (turn) {
      return condition.getAsBoolean();
    }
  }

  @Override
  public void execute(Runnable command) {
    Deque<Runnable> queued = later.get();
    if (queued != null) {
      queued.add(command);
      return;
    }
    synchronized (turn) {
      Deque<Runnable> next = new ArrayDeque<>();
      later.set(next);
      try {
        command.run();
        for (Runnable task; (task = next.poll()) != null; ) {
          task.run();
        }
      } finally {
        later.remove();
      }
    }
  }
}
