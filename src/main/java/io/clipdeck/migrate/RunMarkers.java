package io.clipdeck.migrate;

import io.clipdeck.db.PooledDatabase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks a migration as running, in a table of its own and on a connection of its own, so a run that
 * dies mid-script (kill -9, power loss) is found on the next start. Used on MySQL/MariaDB only:
 * their DDL commits as it goes, so a dead run can leave half a migration behind with no entry in
 * Flyway's history, and a blind re-run would trip over it or, worse, apply it twice. PostgreSQL and
 * SQLite roll the whole migration back with its transaction, so they need none.
 */
final class RunMarkers {

  static final String TABLE = "clipdeck_migration_run";

  /** A run that started and never finished: the version, when, and which process ran it. */
  record Marker(String version, String description, String startedAt, String owner) {}

  private final PooledDatabase database;
  private final Clock clock;

  RunMarkers(PooledDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** The runs that started and did not finish, oldest first; none when the table is missing. */
  List<Marker> unfinished() {
    List<Marker> markers = new ArrayList<>();
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      if (!exists(connection)) {
        return markers;
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT version, description, started_at, owner FROM "
                  + TABLE
                  + " ORDER BY started_at")) {
        while (rows.next()) {
          markers.add(
              new Marker(
                  rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read " + TABLE + " to check for interrupted migrations: " + e.getMessage(), e);
    }
    return markers;
  }

  /** Records that this process starts applying {@code version}; committed at once. */
  void started(String version, String description) {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(true);
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TABLE IF NOT EXISTS "
                + TABLE
                + " (version varchar(50) PRIMARY KEY, description varchar(200) NOT NULL,"
                + " started_at varchar(40) NOT NULL, owner varchar(200) NOT NULL)");
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + TABLE
                  + " (version, description, started_at, owner) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, version);
        insert.setString(2, truncate(description, 200));
        insert.setString(3, clock.instant().toString());
        insert.setString(4, truncate(owner(), 200));
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot record that V" + version + " starts, so it is not applied: " + e.getMessage(), e);
    }
  }

  /** The run of {@code version} ended (applied, or failed and recorded by Flyway). */
  void finished(String version) {
    clear("version = ?", version);
  }

  /** Forgets every unfinished run: the user has checked the schema (repair). */
  int clearAll() {
    return clear("1 = 1", null);
  }

  private int clear(String where, String version) {
    try (Connection connection = database.connection()) {
      if (!exists(connection)) {
        return 0;
      }
      connection.setAutoCommit(true);
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM " + TABLE + " WHERE " + where)) {
        if (version != null) {
          delete.setString(1, version);
        }
        return delete.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update " + TABLE + ": " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection connection) throws SQLException {
    try (ResultSet tables =
        connection.getMetaData().getTables(connection.getCatalog(), null, TABLE, null)) {
      return tables.next();
    }
  }

  /** Which process ran it, for the message: a person can check whether it is still alive. */
  private static String owner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "an unknown host";
    }
    return "process " + ProcessHandle.current().pid() + " on " + host;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
