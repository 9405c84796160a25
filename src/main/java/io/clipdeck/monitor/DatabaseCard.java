package io.clipdeck.monitor;

import io.clipdeck.data.QueryMetrics;
import io.clipdeck.db.ConnectionHolder;
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
 * @param holders the connections of Clipdeck's pool held longest now, with what holds them
 * @param role the server's role now: {@code primary} or {@code replica}; empty for SQLite or when
 *     it could not be read
 * @param previousRole the role at the profile's previous tick
 * @param expectedRole the role the profile should have (a failover group's serving member must be a
 *     primary); empty when nothing is expected
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
    List<ConnectionHolder> holders,
    Optional<String> role,
    Optional<String> previousRole,
    Optional<String> expectedRole,
    Instant at) {

  public DatabaseCard {
    rates = Map.copyOf(rates);
    sessions = List.copyOf(sessions);
    holders = List.copyOf(holders);
  }
}
