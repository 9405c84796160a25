package io.clipdeck.monitor;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads the server side of a database and acts on its sessions, in each server's own words:
 * PostgreSQL's {@code pg_stat_activity} and {@code pg_stat_database}, MySQL/MariaDB's processlist
 * and {@code SHOW GLOBAL STATUS}. A SQLite file has no server: it has no sessions to show.
 */
public final class ServerProbe {

  private final DatabaseKind kind;
  private final int timeoutSeconds;
  private final Clock clock;

  /**
   * @param timeoutSeconds each statement's limit: a hung server must not hold the dashboard
   */
  public ServerProbe(DatabaseKind kind, int timeoutSeconds, Clock clock) {
    this.kind = kind;
    this.timeoutSeconds = timeoutSeconds;
    this.clock = clock;
  }

  /** Whether there is a server side at all (not for SQLite). */
  public boolean hasServer() {
    return Dialect.of(kind).hasServer();
  }

  public ServerSample sample(Connection connection) throws SQLException {
    Dialect dialect = Dialect.of(kind);
    Optional<String> statusQuery = dialect.serverStatusQuery();
    if (statusQuery.isEmpty()) {
      return new ServerSample(Instant.now(clock), 1, 0, 1, Map.of());
    }
    return dialect.statusAsVariables()
        ? variablesSample(connection, statusQuery.get(), dialect.maxConnectionsQuery())
        : countersSample(connection, statusQuery.get());
  }

  /**
   * The server's replication role now: {@code replica} while PostgreSQL is in recovery or
   * MySQL/MariaDB runs read-only, else {@code primary}; empty for SQLite.
   */
  public Optional<String> role(Connection connection) throws SQLException {
    Optional<String> replicaQuery = Dialect.of(kind).replicaQuery();
    if (replicaQuery.isEmpty()) {
      return Optional.empty();
    }
    String sql = replicaQuery.get();
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet row = statement.executeQuery(sql)) {
        row.next();
        return Optional.of(row.getBoolean(1) ? "replica" : "primary");
      }
    }
  }

  /** Every other session on the server (PostgreSQL: client backends), longest-running first. */
  public List<ServerSession> sessions(Connection connection, String clipdeckApplication)
      throws SQLException {
    Optional<String> sessionsQuery = Dialect.of(kind).sessionsQuery(ServerSession.QUERY_LENGTH);
    if (sessionsQuery.isEmpty()) {
      return new ArrayList<>();
    }
    Optional<String> programQuery = Dialect.of(kind).sessionsOfProgramQuery();
    List<ServerSession> sessions =
        programQuery.isEmpty()
            ? activitySessions(connection, sessionsQuery.get(), clipdeckApplication)
            : markClipdeck(
                connection,
                processlistSessions(connection, sessionsQuery.get()),
                programQuery.get(),
                clipdeckApplication);
    sessions.sort((a, b) -> b.running().compareTo(a.running()));
    return sessions;
  }

  /** Cancels the session's running statement; the session stays. True when the server agreed. */
  public boolean cancel(Connection connection, long id) throws SQLException {
    return act(connection, id, Dialect::cancelStatementSql);
  }

  /** Ends the session: its transaction is rolled back and its connection closed. */
  public boolean terminate(Connection connection, long id) throws SQLException {
    return act(connection, id, Dialect::terminateSessionSql);
  }

  private boolean act(Connection connection, long id, BiFunction<Dialect, Long, String> sql)
      throws SQLException {
    Dialect dialect = Dialect.of(kind);
    if (!dialect.hasServer()) {
      throw new SQLException("A SQLite file has no server sessions to cancel or terminate");
    }
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      // The id is a long, so nothing but digits reaches the SQL (KILL takes no bind parameter).
      if (!statement.execute(sql.apply(dialect, id))) {
        return true; // KILL answers with no rows: it was done
      }
      try (ResultSet result = statement.getResultSet()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  /** One row of counters (PostgreSQL's {@code pg_stat_database}). */
  private ServerSample countersSample(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet row = statement.executeQuery(sql)) {
        if (!row.next()) {
          throw new SQLException("pg_stat_database has no row for the current database");
        }
        Map<String, Long> counters = new HashMap<>();
        counters.put("commits", row.getLong(2));
        counters.put("rollbacks", row.getLong(3));
        counters.put("tuples out", row.getLong(4) + row.getLong(5));
        counters.put("tuples in", row.getLong(6));
        counters.put(ServerSample.BLOCK_READS, row.getLong(7));
        counters.put(ServerSample.BLOCK_HITS, row.getLong(8));
        return new ServerSample(
            Instant.now(clock), row.getLong(1), row.getLong(9), row.getLong(10), counters);
      }
    }
  }

  /** Status variables as name/value rows (MySQL/MariaDB's {@code SHOW GLOBAL STATUS}). */
  private ServerSample variablesSample(Connection connection, String sql, String maxQuery)
      throws SQLException {
    Map<String, Long> status = new HashMap<>();
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          status.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getLong(2));
        }
      }
      long max;
      try (ResultSet row = statement.executeQuery(maxQuery)) {
        row.next();
        max = row.getLong(1);
      }
      Map<String, Long> counters = new HashMap<>();
      counters.put("questions", status.getOrDefault("questions", 0L));
      counters.put("commits", status.getOrDefault("com_commit", 0L));
      counters.put("rollbacks", status.getOrDefault("com_rollback", 0L));
      counters.put("slow queries", status.getOrDefault("slow_queries", 0L));
      return new ServerSample(
          Instant.now(clock),
          status.getOrDefault("threads_connected", 0L),
          status.getOrDefault("threads_running", 0L),
          max,
          counters);
    }
  }

  /** Sessions with their application name (PostgreSQL's {@code pg_stat_activity}). */
  private List<ServerSession> activitySessions(
      Connection connection, String sql, String clipdeckApplication) throws SQLException {
    List<ServerSession> sessions = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet row = statement.executeQuery(sql)) {
        while (row.next()) {
          String state = text(row.getString(5));
          String application = text(row.getString(4));
          Timestamp start = row.getTimestamp(6);
          boolean running = state.equals("active") || state.startsWith("idle in transaction");
          sessions.add(
              new ServerSession(
                  row.getLong(1),
                  text(row.getString(2)),
                  text(row.getString(3)),
                  application,
                  state,
                  Optional.ofNullable(start).map(Timestamp::toInstant),
                  running ? seconds(row.getDouble(7)) : Duration.ZERO,
                  text(row.getString(8)).strip(),
                  application.equals(clipdeckApplication)));
        }
      }
    }
    return sessions;
  }

  /**
   * Sessions of a processlist (MySQL/MariaDB), not yet marked: it has no application name, so
   * Clipdeck's connections are told afterwards by their program attribute where the server has it.
   */
  private List<ServerSession> processlistSessions(Connection connection, String sql)
      throws SQLException {
    List<ServerSession> sessions = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet row = statement.executeQuery(sql)) {
        while (row.next()) {
          String command = text(row.getString(4));
          String query = text(row.getString(7)).strip();
          boolean running = command.equalsIgnoreCase("Query");
          Duration time = Duration.ofSeconds(row.getLong(5));
          String state = running ? "active" : command.equalsIgnoreCase("Sleep") ? "idle" : command;
          sessions.add(
              new ServerSession(
                  row.getLong(1),
                  text(row.getString(2)),
                  text(row.getString(3)),
                  "",
                  state,
                  running ? Optional.of(Instant.now(clock).minus(time)) : Optional.empty(),
                  running ? time : Duration.ZERO,
                  query,
                  false));
        }
      }
    }
    return sessions;
  }

  /** Marks the sessions whose client program ({@code programQuery}) is Clipdeck. */
  private List<ServerSession> markClipdeck(
      Connection connection,
      List<ServerSession> sessions,
      String programQuery,
      String clipdeckApplication) {
    List<Long> ours = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(programQuery)) {
      statement.setQueryTimeout(timeoutSeconds);
      statement.setString(1, clipdeckApplication);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ours.add(rows.getLong(1));
        }
      }
    } catch (SQLException e) {
      // performance_schema is off by default on MariaDB: the sessions stay unmarked.
      return sessions;
    }
    List<ServerSession> marked = new ArrayList<>();
    sessions.stream()
        .map(
            session ->
                ours.contains(session.id())
                    ? new ServerSession(
                        session.id(),
                        session.user(),
                        session.database(),
                        clipdeckApplication,
                        session.state(),
                        session.queryStart(),
                        session.running(),
                        session.query(),
                        true)
                    : session)
        .forEach(marked::add);
    return marked;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
