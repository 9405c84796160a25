package io.clipdeck.api;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ledger for one process: shared by the clients of this console, forgotten on restart. A
 * ReentrantLock rather than {@code synchronized}, so a virtual thread never pins while it holds it.
 */
public final class InMemoryQuotaLedger implements QuotaLedger {

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Map<Instant, Long>> counts = new HashMap<>();
  private final Map<String, Instant> parked = new HashMap<>();

  @Override
  public boolean trySpend(String bucket, List<Spend> spends, Instant now) {
    lock.lock();
    try {
      for (Spend spend : spends) {
        if (countOf(bucket, spend.window(), now) + spend.units() > spend.window().limit()) {
          return false;
        }
      }
      for (Spend spend : spends) {
        QuotaWindow window = spend.window();
        Map<Instant, Long> byStart =
            counts.computeIfAbsent(QuotaLedger.rowKey(bucket, window), key -> new HashMap<>());
        // Old windows are dropped as new ones open, so the map stays small.
        byStart.keySet().removeIf(start -> start.isBefore(window.startOf(now)));
        byStart.merge(window.startOf(now), spend.units(), Long::sum);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long spent(String bucket, QuotaWindow window, Instant now) {
    lock.lock();
    try {
      return countOf(bucket, window, now);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void park(String bucket, Instant until) {
    lock.lock();
    try {
      parked.merge(bucket, until, (old, fresh) -> old.isAfter(fresh) ? old : fresh);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Instant> parkedUntil(String bucket, Instant now) {
    lock.lock();
    try {
      return Optional.ofNullable(parked.get(bucket)).filter(now::isBefore);
    } finally {
      lock.unlock();
    }
  }

  private long countOf(String bucket, QuotaWindow window, Instant now) {
    return counts
        .getOrDefault(QuotaLedger.rowKey(bucket, window), Map.of())
        .getOrDefault(window.startOf(now), 0L);
  }
}
