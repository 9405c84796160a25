package io.clipdeck.ui.fx;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The FX thread's one guarantee for view-model tests without a toolkit: what is handed to it runs
 * one at a time. It runs on the calling thread, under a lock, so a test sees the result at once.
 */
public final class SerialFx implements Executor {

  private final Object turn = new Object();

  /** Evaluates {@code condition} between two FX tasks, never in the middle of one. */
  public boolean holds(BooleanSupplier condition) {
    synchronized (turn) {
      return condition.getAsBoolean();
    }
  }

  @Override
  public void execute(Runnable command) {
    synchronized (turn) {
      command.run();
    }
  }
}
