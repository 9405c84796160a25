package io.clipdeck.enrich;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** The runs that ended in this console, newest first, at most {@value #KEPT}. */
public final class RunHistory {

  static final int KEPT = 100;

  private final ReentrantLock lock = new ReentrantLock();
  private final Deque<RunSummary> runs = new ArrayDeque<>();
  private final List<Consumer<List<RunSummary>>> listeners = new CopyOnWriteArrayList<>();

  void add(RunSummary summary) {
    List<RunSummary> now;
    lock.lock();
    try {
      runs.addFirst(summary);
      while (runs.size() > KEPT) {
        runs.removeLast();
      }
      now = List.copyOf(runs);
    } finally {
      lock.unlock();
    }
    listeners.forEach(listener -> listener.accept(now));
  }

  public List<RunSummary> runs() {
    lock.lock();
    try {
      return List.copyOf(runs);
    } finally {
      lock.unlock();
    }
  }

  /** Told the whole history after each run ends, on the thread that ended it. */
  public void addListener(Consumer<List<RunSummary>> listener) {
    listeners.add(listener);
  }
}
