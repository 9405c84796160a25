package io.clipdeck.monitor;

import java.time.Instant;
import java.util.Map;

/** One tick of a database's charted figures, by series name ("active", "latency ms", …). */
public record HistoryPoint(Instant at, Map<String, Double> values) {

  public HistoryPoint {
    values = Map.copyOf(values);
  }
}
