package io.clipdeck.monitor;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A history store opened when it is first needed (or by {@link #open()} on a worker), not when the
 * console starts: opening {@code monitor.db} loads SQLite's native library, which the first window
 * does not need. Calls before the open is done wait for it; a store closed before it was opened is
 * never opened.
 */
public final class OpenedOnFirstUse implements HistoryStore {

  private final Supplier<HistoryStore> opener;
  private HistoryStore store;
  private boolean closed;

  public OpenedOnFirstUse(Supplier<HistoryStore> opener) {
    this.opener = opener;
  }

  /** Opens the store now, if it is not open yet (the console calls it on a worker). */
  public void open() {
    store();
  }

  private synchronized HistoryStore store() {
    if (store == null) {
      store = closed ? HistoryStore.MEMORY : opener.get();
    }
    return store;
  }

  @Override
  public void append(String profile, HistoryPoint point) {
    store().append(profile, point);
  }

  @Override
  public List<HistoryPoint> load(String profile, Instant since) {
    return store().load(profile, since);
  }

  @Override
  public void appendAlert(Alert alert) {
    store().appendAlert(alert);
  }

  @Override
  public List<Alert> recentAlerts(int limit) {
    return store().recentAlerts(limit);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (store != null) {
      store.close();
    }
  }
}
