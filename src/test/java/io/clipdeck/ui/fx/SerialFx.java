package io.clipdeck.ui.fx;

import java.util.concurrent.Executor;

/**
 * The FX thread's one guarantee for view-model tests without a toolkit: what is handed to it runs
 * one at a time. It runs on the calling thread, under a lock, so a test sees the result at once.
 */
public final class SerialFx implements Executor {

  private final Object turn = new Object();

  @Override
  public void execute(Runnable command) {
    synchronized (turn) {
      command.run();
    }
  }
}
