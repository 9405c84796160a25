package io.clipdeck.monitor;

import io.clipdeck.data.QueryMetrics;
import java.util.Optional;

/**
 * Clipdeck's own statement figures of a profile (its query executor's metrics), for the dashboard;
 * empty while nothing of Clipdeck's has queried that profile.
 */
@FunctionalInterface
public interface QueryFigures {

  Optional<QueryMetrics> of(String profile);

  /** For a monitor with no query executor to read. */
  QueryFigures NONE = profile -> Optional.empty();
}
