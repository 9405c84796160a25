package io.clipdeck.monitor;

import java.time.Instant;
import java.util.List;

/**
 * Where the dashboard's samples and alerts outlive the console, so the charts show the last hours
 * again after a restart. {@link #MEMORY} keeps nothing.
 */
public interface HistoryStore extends AutoCloseable {

  void append(String profile, HistoryPoint point);

  /** The profile's points from {@code since} on, oldest first. */
  List<HistoryPoint> load(String profile, Instant since);

  void appendAlert(Alert alert);

  /** The newest alerts of every profile, newest first, at most {@code limit}. */
  List<Alert> recentAlerts(int limit);

  @Override
  void close();

  /** A store that remembers nothing beyond the console's own memory. */
  HistoryStore MEMORY =
      new HistoryStore() {
        @Override
        public void append(String profile, HistoryPoint point) {}

        @Override
        public List<HistoryPoint> load(String profile, Instant since) {
          return List.of();
        }

        @Override
        public void appendAlert(Alert alert) {}

        @Override
        public List<Alert> recentAlerts(int limit) {
          return List.of();
        }

        @Override
        public void close() {}
      };
}
