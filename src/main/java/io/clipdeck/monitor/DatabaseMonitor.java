package io.clipdeck.monitor;

import io.clipdeck.data.DataException;
import io.clipdeck.data.QueryMetrics;
import io.clipdeck.data.SqlErrors;
import io.clipdeck.db.ConnectionHolder;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PoolStats;
import io.clipdeck.db.PooledDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples databases for the dashboard: pool figures, health, server counters and sessions, each
 * probe bounded by a timeout, and keeps the last {@code window} of figures per database for its
 * charts. Every method blocks on the database: call it from a worker.
 */
public final class DatabaseMonitor {

  /** Series every database has; server rates are added by their counter names. */
  public static final List<String> POOL_SERIES =
      List.of("active", "idle", "waiting", "latency ms", "avg borrow ms");

  private final DatabaseRegistry databases;
  private final Clock clock;
  private volatile Duration window;
  private final int probeTimeoutSeconds;
  private final HistoryStore store;
  private final QueryFigures queries;
  private final Map<String, QueryMetrics> previousQueries = new ConcurrentHashMap<>();
  private final Map<String, Deque<HistoryPoint>> history = new ConcurrentHashMap<>();
  private final Map<String, ServerSample> previous = new ConcurrentHashMap<>();
  private final Map<String, String> roles = new ConcurrentHashMap<>();

  /**
   * @param window how far back the charts go
   * @param probeTimeoutSeconds the longest one server probe may take before the card says so
   * @param store where the figures outlive the console
   * @param queries Clipdeck's own statement figures per profile
   */
  public DatabaseMonitor(
      DatabaseRegistry databases,
      Clock clock,
      Duration window,
      int probeTimeoutSeconds,
      HistoryStore store,
      QueryFigures queries) {
    this.databases = databases;
    this.clock = clock;
    this.window = window;
    this.probeTimeoutSeconds = probeTimeoutSeconds;
    this.store = store;
    this.queries = queries;
  }

  /** How many of the longest-held connections a card names. */
  static final int HOLDERS = 3;

  /** Charts go back {@code value} from the next tick on (the settings changed). */
  public void window(Duration value) {
    this.window = java.util.Objects.requireNonNull(value, "window");
  }

  /** Reads one database now and adds the figures to its history. */
  public DatabaseCard sample(ConnectionProfile profile) {
    return sample(profile, Optional.empty());
  }

  /**
   * Reads one database now and adds the figures to its history.
   *
   * @param expectedRole the server role the profile should have, when something expects one
   */
  public DatabaseCard sample(ConnectionProfile profile, Optional<String> expectedRole) {
    PooledDatabase database = databases.open(profile);
    // The pool first: the probes below borrow a connection themselves.
    PoolStats pool = database.stats();
    List<ConnectionHolder> holders = database.holders(HOLDERS);
    HealthReport health = database.checkHealth();
    ServerProbe probe = probe(profile);
    Optional<ServerSample> server = Optional.empty();
    List<ServerSession> sessions = List.of();
    Optional<String> serverProblem = Optional.empty();
    Optional<String> role = Optional.empty();
    if (health.isUp() && probe.hasServer()) {
      try (Connection connection = database.connection()) {
        server = Optional.of(probe.sample(connection));
        role = probe.role(connection);
        sessions = probe.sessions(connection, profile.pool().applicationName());
      } catch (SQLTimeoutException e) {
        serverProblem =
            Optional.of("The server gave no answer in " + probeTimeoutSeconds + " s to its probe.");
      } catch (SQLException e) {
        serverProblem = Optional.of("Cannot read the server's figures: " + e.getMessage());
      }
    }
    Optional<ServerSample> before = Optional.ofNullable(previous.get(profile.name()));
    Map<String, Double> rates = server.map(sample -> sample.ratesSince(before)).orElse(Map.of());
    Optional<Double> hitRate = server.flatMap(sample -> sample.cacheHitRateSince(before));
    server.ifPresent(sample -> previous.put(profile.name(), sample));
    Optional<String> previousRole =
        Optional.ofNullable(
            role.isEmpty() ? roles.get(profile.name()) : roles.put(profile.name(), role.get()));
    Instant now = Instant.now(clock);
    Optional<QueryMetrics> statements = queries.of(profile.name());
    Optional<Double> statementsPerSecond =
        statements.flatMap(metrics -> perSecond(profile.name(), metrics, now));
    remember(profile.name(), now, pool, health, rates, hitRate, statements, statementsPerSecond);
    return new DatabaseCard(
        profile,
        health,
        pool,
        server,
        rates,
        hitRate,
        sessions,
        PoolDiagnosis.of(profile, pool, server, holders),
        serverProblem,
        statements,
        statementsPerSecond,
        holders,
        role,
        previousRole,
        expectedRole,
        now);
  }

  /** Clipdeck's statements per second since the previous tick of this profile. */
  private Optional<Double> perSecond(String profileName, QueryMetrics metrics, Instant now) {
    QueryMetrics before = previousQueries.put(profileName, metrics);
    Deque<HistoryPoint> points = points(profileName);
    Instant last;
    synchronized (points) {
      last = points.isEmpty() ? null : points.peekLast().at();
    }
    if (before == null || last == null || metrics.executed() < before.executed()) {
      return Optional.empty();
    }
    double seconds = Duration.between(last, now).toMillis() / 1000.0;
    return seconds <= 0
        ? Optional.empty()
        : Optional.of((metrics.executed() - before.executed()) / seconds);
  }

  /** The charted figures of a database over the window, oldest first. */
  public List<HistoryPoint> history(String profileName) {
    Deque<HistoryPoint> points = points(profileName);
    synchronized (points) {
      return List.copyOf(points);
    }
  }

  /**
   * Cancels a session's running statement on the profile's server.
   *
   * @throws DataException the server's refusal or failure, typed
   */
  public boolean cancel(ConnectionProfile profile, long sessionId) {
    try (Connection connection = databases.open(profile).connection()) {
      return probe(profile).cancel(connection, sessionId);
    } catch (SQLException e) {
      throw SqlErrors.translate(profile.kind(), profile.name(), e);
    }
  }

  /**
   * Ends a session on the profile's server; its open transaction is rolled back.
   *
   * @throws DataException the server's refusal or failure, typed
   */
  public boolean terminate(ConnectionProfile profile, long sessionId) {
    try (Connection connection = databases.open(profile).connection()) {
      return probe(profile).terminate(connection, sessionId);
    } catch (SQLException e) {
      throw SqlErrors.translate(profile.kind(), profile.name(), e);
    }
  }

  /** A database's points, read back from the store the first time it is asked for. */
  private Deque<HistoryPoint> points(String profileName) {
    return history.computeIfAbsent(
        profileName, name -> new ArrayDeque<>(store.load(name, Instant.now(clock).minus(window))));
  }

  private ServerProbe probe(ConnectionProfile profile) {
    return new ServerProbe(profile.kind(), probeTimeoutSeconds, clock);
  }

  private void remember(
      String profileName,
      Instant now,
      PoolStats pool,
      HealthReport health,
      Map<String, Double> rates,
      Optional<Double> hitRate,
      Optional<QueryMetrics> statements,
      Optional<Double> statementsPerSecond) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("active", (double) pool.active());
    values.put("idle", (double) pool.idle());
    values.put("waiting", (double) pool.waiting());
    if (health.isUp()) {
      values.put("latency ms", health.latency().toNanos() / 1e6);
    }
    values.put("avg borrow ms", pool.averageBorrow().toNanos() / 1e6);
    rates.forEach((name, rate) -> values.put(name + "/s", rate));
    hitRate.ifPresent(rate -> values.put("cache hit %", rate * 100));
    statementsPerSecond.ifPresent(rate -> values.put("queries/s", rate));
    statements.ifPresent(metrics -> values.put("avg query ms", metrics.averageMillis()));
    HistoryPoint point = new HistoryPoint(now, values);
    // Read the stored history first, so the new point is not read back and added twice.
    Deque<HistoryPoint> points = points(profileName);
    store.append(profileName, point);
    synchronized (points) {
      points.addLast(point);
      Instant oldest = now.minus(window);
      while (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)) {
        points.removeFirst();
      }
    }
  }
}
