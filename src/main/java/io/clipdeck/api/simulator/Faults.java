package io.clipdeck.api.simulator;

import io.clipdeck.api.Provider;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** The faults queued per provider; each request takes the next one, if any. */
final class Faults {

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Provider, Deque<Fault>> queued = new EnumMap<>(Provider.class);

  void add(Provider provider, Fault fault, int times) {
    lock.lock();
    try {
      Deque<Fault> queue = queued.computeIfAbsent(provider, p -> new ArrayDeque<>());
      for (int i = 0; i < times; i++) {
        queue.addLast(fault);
      }
    } finally {
      lock.unlock();
    }
  }

  Optional<Fault> next(Provider provider) {
    lock.lock();
    try {
      Deque<Fault> queue = queued.get(provider);
      return queue == null ? Optional.empty() : Optional.ofNullable(queue.pollFirst());
    } finally {
      lock.unlock();
    }
  }

  void clear() {
    lock.lock();
    try {
      queued.clear();
    } finally {
      lock.unlock();
    }
  }
}
