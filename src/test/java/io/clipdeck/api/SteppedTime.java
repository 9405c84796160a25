package io.clipdeck.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fake time for many threads: the clock moves only when every registered worker is asleep, and then
 * straight to the earliest deadline. So no request is ever in flight while time jumps, and what the
 * client counted in a window is what the server sees in it.
 */
final class SteppedTime extends Clock implements Sleeper {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();
  private final PriorityQueue<Instant> deadlines = new PriorityQueue<>();
  private Instant now;
  private int workers;

  SteppedTime(Instant start) {
    this.now = start;
  }

  void register() {
    lock.lock();
    try {
      workers++;
    } finally {
      lock.unlock();
    }
  }

  void deregister() {
    lock.lock();
    try {
      workers--;
      advanceIfAllAsleep();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void sleepUntil(Instant deadline) throws InterruptedException {
    lock.lock();
    try {
      if (!deadline.isAfter(now)) {
        return;
      }
      deadlines.add(deadline);
      advanceIfAllAsleep();
      while (now.isBefore(deadline)) {
        moved.await();
      }
    } finally {
      lock.unlock();
    }
  }

  private void advanceIfAllAsleep() {
    if (!deadlines.isEmpty() && deadlines.size() >= workers) {
      now = deadlines.poll();
      while (!deadlines.isEmpty() && !deadlines.peek().isAfter(now)) {
        deadlines.poll();
      }
      moved.signalAll();
    }
  }

  @Override
  public Instant instant() {
    lock.lock();
    try {
      return now;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("SteppedTime stays in UTC");
  }
}
