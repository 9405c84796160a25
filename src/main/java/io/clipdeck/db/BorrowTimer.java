package io.clipdeck.db;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.time.Duration;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts HikariCP's borrow events so the dashboard can show how long borrowers wait (HikariCP
 * measures this but only hands it to a metrics tracker), and logs them when the profile sets {@code
 * echo_pool}.
 */
final class BorrowTimer implements MetricsTrackerFactory, IMetricsTracker {

  private static final Logger log = LoggerFactory.getLogger("io.clipdeck.pool");

  private final String profile;
  private final boolean echo;
  private final LongAdder borrows = new LongAdder();
  private final LongAdder borrowNanos = new LongAdder();
  private final LongAccumulator maxBorrowNanos = new LongAccumulator(Math::max, 0);
  private final LongAdder timeouts = new LongAdder();

  BorrowTimer(String profile, boolean echo) {
    this.profile = profile;
    this.echo = echo;
  }

  @Override
  public IMetricsTracker create(String poolName, PoolStats poolStats) {
    return this;
  }

  @Override
  public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
    if (echo) {
      log.info("{}: opened a connection in {} ms", profile, connectionCreatedMillis);
    }
  }

  @Override
  public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
    borrows.increment();
    borrowNanos.add(elapsedAcquiredNanos);
    maxBorrowNanos.accumulate(elapsedAcquiredNanos);
    if (echo) {
      log.info("{}: checked out a connection after {} µs", profile, elapsedAcquiredNanos / 1000);
    }
  }

  @Override
  public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
    if (echo) {
      log.info("{}: connection returned after {} ms", profile, elapsedBorrowedMillis);
    }
  }

  @Override
  public void recordConnectionTimeout() {
    timeouts.increment();
    if (echo) {
      log.warn("{}: a borrower gave up waiting for a connection", profile);
    }
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
