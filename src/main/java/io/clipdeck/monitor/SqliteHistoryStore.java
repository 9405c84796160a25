package io.clipdeck.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's history in a SQLite file of its own in the data directory ({@code monitor.db}),
 * pruned to the retention. A file that cannot be opened is left as it is and the console goes on
 * with its history in memory only: a damaged history must never stop a console.
 */
public final class SqliteHistoryStore implements HistoryStore {

  private static final Logger log = LoggerFactory.getLogger(SqliteHistoryStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Double>> FIGURES = new TypeReference<>() {};

  /** Pruning every so many appends keeps the DELETE off most ticks. */
  private static final int PRUNE_EVERY = 200;

  private final Duration retention;
  private final Clock clock;
  private Connection connection;
  private int appendsSincePrune;

  /** Opens (or creates) the store; on failure logs why and keeps nothing. */
  public static HistoryStore open(Path file, Duration retention, Clock clock) {
    try {
      return new SqliteHistoryStore(file, retention, clock);
    } catch (SQLException e) {
      log.warn(
          "The dashboard's history file {} cannot be used ({}); it is left as it is and the"
              + " history is kept in memory only until Clipdeck restarts",
          file,
          e.getMessage());
      return HistoryStore.MEMORY;
    }
  }

  private SqliteHistoryStore(Path file, Duration retention, Clock clock) throws SQLException {
    this.retention = retention;
    this.clock = clock;
    this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("PRAGMA busy_timeout = 2000");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS sample (profile TEXT NOT NULL, at_ms INTEGER NOT NULL,"
              + " figures TEXT NOT NULL)");
      statement.execute("CREATE INDEX IF NOT EXISTS sample_by_time ON sample (profile, at_ms)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS alert (profile TEXT NOT NULL, kind TEXT NOT NULL,"
              + " message TEXT NOT NULL, raised_ms INTEGER NOT NULL)");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    prune();
  }

  @Override
  public synchronized void append(String profile, HistoryPoint point) {
    if (connection == null) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sample (profile, at_ms, figures) VALUES (?, ?, ?)")) {
      insert.setString(1, profile);
      insert.setLong(2, point.at().toEpochMilli());
      insert.setString(3, JSON.writeValueAsString(point.values()));
      insert.executeUpdate();
      if (++appendsSincePrune >= PRUNE_EVERY) {
        prune();
      }
    } catch (SQLException | JsonProcessingException e) {
      log.warn("Cannot keep a dashboard sample of {}: {}", profile, e.getMessage());
    }
  }

  @Override
  public synchronized List<HistoryPoint> load(String profile, Instant since) {
    List<HistoryPoint> points = new ArrayList<>();
    if (connection == null) {
      return points;
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT at_ms, figures FROM sample WHERE profile = ? AND at_ms >= ? ORDER BY at_ms")) {
      select.setString(1, profile);
      select.setLong(2, since.toEpochMilli());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          try {
            points.add(
                new HistoryPoint(
                    Instant.ofEpochMilli(rows.getLong(1)),
                    JSON.readValue(rows.getString(2), FIGURES)));
          } catch (JsonProcessingException e) {
            // One unreadable row (edited by hand) costs that point, not the chart.
            log.debug("Skipping an unreadable dashboard sample of {}", profile);
          }
        }
      }
    } catch (SQLException e) {
      log.warn("Cannot read the dashboard history of {}: {}", profile, e.getMessage());
    }
    return points;
  }

  @Override
  public synchronized void appendAlert(Alert alert) {
    if (connection == null) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO alert (profile, kind, message, raised_ms) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, alert.profile());
      insert.setString(2, alert.kind().name());
      insert.setString(3, alert.message());
      insert.setLong(4, alert.raisedAt().toEpochMilli());
      insert.executeUpdate();
    } catch (SQLException e) {
      log.warn("Cannot keep an alert of {}: {}", alert.profile(), e.getMessage());
    }
  }

  @Override
  public synchronized List<Alert> recentAlerts(int limit) {
    List<Alert> alerts = new ArrayList<>();
    if (connection == null) {
      return alerts;
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT profile, kind, message, raised_ms FROM alert ORDER BY raised_ms DESC LIMIT ?")) {
      select.setInt(1, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          try {
            alerts.add(
                new Alert(
                    rows.getString(1),
                    AlertRules.Kind.valueOf(rows.getString(2)),
                    rows.getString(3),
                    Instant.ofEpochMilli(rows.getLong(4))));
          } catch (IllegalArgumentException e) {
            log.debug("Skipping an alert of an unknown kind {}", rows.getString(2));
          }
        }
      }
    } catch (SQLException e) {
      log.warn("Cannot read the alert history: {}", e.getMessage());
    }
    return alerts;
  }

  private void prune() throws SQLException {
    appendsSincePrune = 0;
    long oldest = Instant.now(clock).minus(retention).toEpochMilli();
    try (PreparedStatement samples =
            connection.prepareStatement("DELETE FROM sample WHERE at_ms < ?");
        PreparedStatement alerts =
            connection.prepareStatement("DELETE FROM alert WHERE raised_ms < ?")) {
      samples.setLong(1, oldest);
      samples.executeUpdate();
      alerts.setLong(1, oldest);
      alerts.executeUpdate();
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("Closing the dashboard history: {}", e.getMessage());
      }
      connection = null;
    }
  }
}
