package io.clipdeck.data;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/** Counts and times statements: totals for the mean, a ring of recent times for the p95. */
final class StatementTimes {

  private static final int WINDOW = 4096;

  private final LongAdder executed = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final long[] recent = new long[WINDOW];
  private int next;
  private int filled;

  void record(long nanos, boolean failed) {
    executed.increment();
    totalNanos.add(nanos);
    if (failed) {
      errors.increment();
    }
    synchronized (recent) {
      recent[next] = nanos;
      next = (next + 1) % WINDOW;
      filled = Math.min(filled + 1, WINDOW);
    }
  }

  long executed() {
    return executed.sum();
  }

  long errors() {
    return errors.sum();
  }

  double averageMillis() {
    long count = executed.sum();
    return count == 0 ? 0 : totalNanos.sum() / 1e6 / count;
  }

  double p95Millis() {
    long[] copy;
    synchronized (recent) {
      copy = Arrays.copyOf(recent, filled);
    }
    if (copy.length == 0) {
      return 0;
    }
    Arrays.sort(copy);
    int index = (int) Math.ceil(copy.length * 0.95) - 1;
    return copy[Math.max(0, index)] / 1e6;
  }
}
