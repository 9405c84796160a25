package io.clipdeck.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * An error rate over a sliding time window, from two running counters (attempts and failures)
 * sampled at each tick: the rate is the failures added since the window's first sample over the
 * attempts added since. Counters that go back (a client rebuilt after the settings changed) start
 * the window again. Not thread-safe: one caller per window.
 */
final class ErrorRateWindow {

  /** Attempts and failures within the window, and their share. */
  record Rate(long attempts, long failures) {
    double share() {
      return attempts == 0 ? 0 : (double) failures / attempts;
    }
  }

  private record Sample(Instant at, long attempts, long failures) {}

  private final Deque<Sample> samples = new ArrayDeque<>();

  /** Adds this tick's counters and returns the rate over the last {@code window}, if any. */
  Optional<Rate> add(Instant at, long attempts, long failures, Duration window) {
    Sample last = samples.peekLast();
    if (last != null && (attempts < last.attempts() || failures < last.failures())) {
      samples.clear();
    }
    samples.addLast(new Sample(at, attempts, failures));
    Instant from = at.minus(window);
    // Keep one sample at or before the window's start: the baseline the window is measured from.
    while (samples.size() > 1 && !second().at().isAfter(from)) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    if (first == null || samples.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(new Rate(attempts - first.attempts(), failures - first.failures()));
  }

  private Sample second() {
    var iterator = samples.iterator();
    iterator.next();
    return iterator.next();
  }
}
