package io.clipdeck.db.faults;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Opens plain connections (no pool) in a loop, once armed, to see when the server stops accepting
 * and when it accepts again: "accepting" means a new session can run {@code SELECT 1} (the private
 * server's {@code acceptsConnections}).
 */
final class AcceptWatcher implements AutoCloseable {
  private final BooleanSupplier accepts;
  private final CountDownLatch armed = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong refusedAt = new AtomicLong();
  private final AtomicLong acceptedAgainAt = new AtomicLong();
  private final AtomicBoolean refused = new AtomicBoolean();
  private final AtomicBoolean cameBack = new AtomicBoolean();
  private final Thread thread;

  AcceptWatcher(BooleanSupplier accepts) {
    this.accepts = accepts;
    this.thread = Thread.ofVirtual().name("accept-watcher").start(this::run);
  }

  void arm() {
    armed.countDown();
  }

  private void run() {
    try {
      armed.await();
    } catch (InterruptedException e) {
      return;
    }
    while (running.get() && !cameBack.get()) {
      boolean accepting = accepts.getAsBoolean();
      long now = System.nanoTime();
      if (!accepting && refused.compareAndSet(false, true)) {
        refusedAt.set(now);
      } else if (accepting && refused.get()) {
        acceptedAgainAt.set(now);
        cameBack.set(true);
      }
    }
  }

  boolean sawComeback() {
    return cameBack.get();
  }

  /** The {@link System#nanoTime()} of the first refusal. */
  long refusedAt() {
    return refusedAt.get();
  }

  /** The {@link System#nanoTime()} of the first acceptance after the refusal. */
  long acceptedAgainAt() {
    return acceptedAgainAt.get();
  }

  @Override
  public void close() {
    running.set(false);
    armed.countDown();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
