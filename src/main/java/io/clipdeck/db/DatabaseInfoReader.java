package io.clipdeck.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Reads {@link DatabaseInfo} with each server's own catalogue queries. */
final class DatabaseInfoReader {

  private DatabaseInfoReader() {}

  static DatabaseInfo read(DatabaseKind kind, Connection connection) throws SQLException {
    Dialect dialect = Dialect.of(kind);
    String version = ServerVersion.of(connection.getMetaData());
    Optional<String> userQuery = dialect.currentUserQuery();
    return new DatabaseInfo(
        kind,
        version,
        number(connection, dialect.tableCountQuery()),
        number(connection, dialect.databaseSizeQuery()),
        userQuery.isPresent() ? text(connection, userQuery.get()) : System.getProperty("user.name"),
        role(dialect, connection));
  }

  /**
   * {@code replica} while the server takes no writes or has a replication source configured, else
   * {@code primary}; {@code file} for SQLite.
   */
  private static String role(Dialect dialect, Connection connection) throws SQLException {
    Optional<String> replicaQuery = dialect.replicaQuery();
    if (replicaQuery.isEmpty()) {
      return "file";
    }
    if (bool(connection, replicaQuery.get())) {
      return "replica";
    }
    Optional<String> sourceQuery = dialect.replicationSourceQuery();
    if (sourceQuery.isEmpty()) {
      return "primary";
    }
    try (Statement statement = connection.createStatement();
        ResultSet replica = statement.executeQuery(sourceQuery.get())) {
      return replica.next() ? "replica" : "primary";
    } catch (SQLException e) {
      // No REPLICATION CLIENT privilege: read_only said primary, and that is what we know.
      return "primary";
    }
  }

  private static boolean bool(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getBoolean(1);
    }
  }

  private static long number(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static String text(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
