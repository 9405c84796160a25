package io.clipdeck.monitor;

import io.clipdeck.data.QueryMetrics;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PoolStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the dashboard shows of one database at one tick: the pool side and the server side.
 *
 * @param rates server counters per second since the previous tick, by name
 * @param cacheHitRate PostgreSQL's buffer cache hits over hits plus reads since the previous tick
 * @param sessions the server's other sessions, longest-running first
 * @param diagnosis why borrowers wait or time out, in words, when they do
 * @param serverProblem why the server side could not be read (no answer in time, no permission)
 * @param queries Clipdeck's own statement figures on this profile (its query executor's metrics)
 * @param queriesPerSecond Clipdeck's statements per second since the previous tick
 */
public record DatabaseCard(
    ConnectionProfile profile,
    HealthReport health,
    PoolStats pool,
    Optional<ServerSample> server,
    Map<String, Double> rates,
    Optional<Double> cacheHitRate,
    List<ServerSession> sessions,
    Optional<String> diagnosis,
    Optional<String> serverProblem,
    Optional<QueryMetrics> queries,
    Optional<Double> queriesPerSecond,
    Instant at) {

  public DatabaseCard {
    rates = Map.copyOf(rates);
    sessions = List.copyOf(sessions);
  }
}
