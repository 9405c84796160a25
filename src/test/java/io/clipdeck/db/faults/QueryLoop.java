package io.clipdeck.db.faults;

import io.clipdeck.db.PooledDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One borrower on a virtual thread: borrow, run a statement, give the connection back, again and
 * again, noting when each round succeeded and every error. Nothing here sleeps: the statement
 * itself sets the pace.
 */
final class QueryLoop implements AutoCloseable {

  /**
   * One failed round: when it ended, how long it took from the borrow (to show that a borrower
   * fails within its timeouts and never hangs), and the driver's or the pool's words.
   */
  record Failure(long nanoTime, String sqlState, String message, Duration took) {}

  private final PooledDatabase database;
  private final String sql;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong successes = new AtomicLong();
  private final AtomicLong lastSuccessNanos = new AtomicLong(Long.MIN_VALUE);
  private final List<Long> successTimes = new CopyOnWriteArrayList<>();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final Thread thread;

  QueryLoop(String name, PooledDatabase database, String sql) {
    this.database = database;
    this.sql = sql;
    this.thread = Thread.ofVirtual().name(name).start(this::run);
  }

  private void run() {
    while (running.get()) {
      long roundStarted = System.nanoTime();
      try (Connection connection = database.connection();
          Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(10);
        statement.execute(sql);
        long now = System.nanoTime();
        successes.incrementAndGet();
        lastSuccessNanos.set(now);
        successTimes.add(now);
      } catch (SQLException e) {
        long now = System.nanoTime();
        failures.add(
            new Failure(
                now, e.getSQLState(), e.getMessage(), Duration.ofNanos(now - roundStarted)));
      }
    }
  }

  /** The longest failed round so far; zero when none failed. */
  Duration longestFailure() {
    return failures.stream().map(Failure::took).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  long successes() {
    return successes.get();
  }

  List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** Failed rounds that ended after the given {@link System#nanoTime()}. */
  List<Failure> failuresAfter(long nanoTime) {
    return failures.stream().filter(failure -> failure.nanoTime() - nanoTime > 0).toList();
  }

  /** Successes that ended after the given {@link System#nanoTime()}. */
  long successesAfter(long nanoTime) {
    return successTimes.stream().filter(time -> time - nanoTime > 0).count();
  }

  /** When the first round after the given {@link System#nanoTime()} succeeded. */
  Optional<Long> firstSuccessAfter(long nanoTime) {
    return successTimes.stream().filter(time -> time - nanoTime > 0).findFirst();
  }

  @Override
  public String toString() {
    return thread.getName();
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  /** Stops the loop and waits (bounded) for its last round. */
  @Override
  public void close() {
    running.set(false);
    try {
      if (!thread.join(Duration.ofSeconds(20))) {
        throw new IllegalStateException(thread.getName() + " did not stop within 20 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + thread.getName(), e);
    }
  }
}
