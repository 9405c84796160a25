package io.clipdeck.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of a database at one moment: its sessions and its cumulative counters, from which
 * two samples give rates.
 *
 * @param sessions sessions connected to the server (PostgreSQL: to this database)
 * @param running sessions running a statement now
 * @param maxConnections the server's {@code max_connections}
 * @param counters cumulative counters by name ("commits", "rollbacks", "tuples in", "questions" …)
 */
public record ServerSample(
    Instant at, long sessions, long running, long maxConnections, Map<String, Long> counters) {

  public ServerSample {
    counters = Map.copyOf(counters);
  }

  /**
   * The rate per second of each counter since {@code previous}; empty before a second sample or
   * after a server restart (a counter that went down).
   */
  public Map<String, Double> ratesSince(Optional<ServerSample> previous) {
    Map<String, Double> rates = new LinkedHashMap<>();
    if (previous.isEmpty()) {
      return rates;
    }
    double seconds = (at.toEpochMilli() - previous.get().at.toEpochMilli()) / 1000.0;
    if (seconds <= 0) {
      return rates;
    }
    for (String name : counters.keySet().stream().sorted().toList()) {
      Long before = previous.get().counters.get(name);
      long now = counters.get(name);
      if (before != null && now >= before) {
        rates.put(name, (now - before) / seconds);
      }
    }
    return rates;
  }

  /**
   * PostgreSQL's buffer cache hit rate since {@code previous} (hits over hits plus reads), when
   * there were reads at all.
   */
  public Optional<Double> cacheHitRateSince(Optional<ServerSample> previous) {
    if (previous.isEmpty()
        || !counters.containsKey(BLOCK_HITS)
        || !previous.get().counters.containsKey(BLOCK_HITS)) {
      return Optional.empty();
    }
    long hits = counters.get(BLOCK_HITS) - previous.get().counters.get(BLOCK_HITS);
    long reads = counters.get(BLOCK_READS) - previous.get().counters.get(BLOCK_READS);
    return hits + reads <= 0 || hits < 0 || reads < 0
        ? Optional.empty()
        : Optional.of(hits / (double) (hits + reads));
  }

  static final String BLOCK_HITS = "block hits";
  static final String BLOCK_READS = "block reads";
}
