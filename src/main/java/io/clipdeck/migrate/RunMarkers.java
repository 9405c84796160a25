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

  /**
   * The connection holding the running migration's named lock, or null: the server frees the lock
   * when the session ends, so a mark whose lock is free belongs to a run that died.
   */
  private Connection running;

  RunMarkers(PooledDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** The runs that started and did not finish, oldest first; none when the table is missing. */
  List<Marker> unfinished() {
    List<Marker> markers = new ArrayList<>();
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      // Each read its own snapshot: the second look at a mark must see a run's unmarking.
      connection.setAutoCommit(true);
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
      // A mark whose run's session still holds its lock is a run going on now (another console
      // migrating at the same moment), not one that died. A run takes its lock before it marks
      // and unmarks before it lets go, so a mark still there once its lock is seen free is dead;
      // one gone by then finished in between.
      List<Marker> dead = new ArrayList<>();
      for (Marker marker : markers) {
        if (!lockHeld(connection, marker.version()) && marked(connection, marker.version())) {
          dead.add(marker);
        }
      }
      return dead;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read " + TABLE + " to check for interrupted migrations: " + e.getMessage(), e);
    }
  }

  private static boolean marked(Connection connection, String version) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE version = ?")) {
      select.setString(1, version);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** Records that this process starts applying {@code version}; committed at once. */
  void started(String version, String description) {
    // One connection for the lock and the mark: a migration's pool may have only one to spare.
    try {
      running = database.connection();
      running.setAutoCommit(true);
      try (PreparedStatement lock = running.prepareStatement("SELECT GET_LOCK(?, 0)")) {
        lock.setString(1, lockName(running, version));
        lock.execute();
      }
      try (Statement ddl = running.createStatement()) {
        ddl.execute(
            "CREATE TABLE IF NOT EXISTS "
                + TABLE
                + " (version varchar(50) PRIMARY KEY, description varchar(200) NOT NULL,"
                + " started_at varchar(40) NOT NULL, owner varchar(200) NOT NULL)");
      }
      try (PreparedStatement insert =
          running.prepareStatement(
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
      releaseQuietly();
      throw new IllegalStateException(
          "Cannot record that V" + version + " starts, so it is not applied: " + e.getMessage(), e);
    }
  }

  /** The run of {@code version} ended (applied, or failed and recorded by Flyway). */
  void finished(String version) {
    if (running == null) {
      clear("version = ?", version);
      return;
    }
    try (PreparedStatement delete =
        running.prepareStatement("DELETE FROM " + TABLE + " WHERE version = ?")) {
      delete.setString(1, version);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update " + TABLE + ": " + e.getMessage(), e);
    } finally {
      releaseQuietly();
    }
  }

  /** Whether a live session holds the named lock of {@code version}'s run. */
  private static boolean lockHeld(Connection connection, String version) throws SQLException {
    try (PreparedStatement used = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
      used.setString(1, lockName(connection, version));
      try (ResultSet rows = used.executeQuery()) {
        return rows.next() && rows.getObject(1) != null;
      }
    }
  }

  /** One lock per database and version (MySQL's lock names are server-wide, 64 characters). */
  private static String lockName(Connection connection, String version) throws SQLException {
    String name = "clipdeck-run:" + connection.getCatalog() + ":" + version;
    return name.length() <= 64 ? name : name.substring(0, 64);
  }

  private void releaseQuietly() {
    if (running == null) {
      return;
    }
    try {
      // Closing the session frees its named locks; the pool then drops or resets the connection.
      try (Statement release = running.createStatement()) {
        release.execute("DO RELEASE_ALL_LOCKS()");
      }
    } catch (SQLException e) {
      // The session is gone: its lock went with it.
    } finally {
      try {
        running.close();
      } catch (SQLException e) {
        // Already closed.
      }
      running = null;
    }
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
