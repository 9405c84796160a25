package io.clipdeck.db;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.time.Duration;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts HikariCP's borrow events so the dashboard can show how long borrowers wait: HikariCP
 * measures this but only hands it to a metrics tracker.
 */
final class BorrowTimer implements MetricsTrackerFactory, IMetricsTracker {

  private final LongAdder borrows = new LongAdder();
  private final LongAdder borrowNanos = new LongAdder();
  private final LongAccumulator maxBorrowNanos = new LongAccumulator(Math::max, 0);
  private final LongAdder timeouts = new LongAdder();

  @Override
  public IMetricsTracker create(String poolName, PoolStats poolStats) {
    return this;
  }

  @Override
  public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
    borrows.increment();
    borrowNanos.add(elapsedAcquiredNanos);
    maxBorrowNanos.accumulate(elapsedAcquiredNanos);
  }

  @Override
  public void recordConnectionTimeout() {
    timeouts.increment();
  }

  long borrows() {
    return borrows.sum();
  }

  long timeouts() {
    return timeouts.sum();
  }

  Duration averageBorrow() {
    long count = borrows.sum();
    return count == 0 ? Duration.ZERO : Duration.ofNanos(borrowNanos.sum() / count);
  }

  Duration maxBorrow() {
    return Duration.ofNanos(maxBorrowNanos.get());
  }
}
