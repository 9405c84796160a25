package io.clipdeck.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads {@link DatabaseInfo} with each server's own catalogue queries. */
final class DatabaseInfoReader {

  private DatabaseInfoReader() {}

  static DatabaseInfo read(DatabaseKind kind, Connection connection) throws SQLException {
    String version = ServerVersion.of(connection.getMetaData());
    return switch (kind) {
      case POSTGRESQL ->
          new DatabaseInfo(
              kind,
              version,
              number(
                  connection,
                  "SELECT count(*) FROM information_schema.tables"
                      + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"),
              number(connection, "SELECT pg_database_size(current_database())"),
              text(connection, "SELECT current_user"),
              text(connection, "SELECT pg_is_in_recovery()").startsWith("t")
                  ? "replica"
                  : "primary");
      case MYSQL ->
          new DatabaseInfo(
              kind,
              version,
              number(
                  connection,
                  "SELECT count(*) FROM information_schema.tables WHERE table_schema = database()"),
              number(
                  connection,
                  "SELECT coalesce(sum(data_length + index_length), 0)"
                      + " FROM information_schema.tables WHERE table_schema = database()"),
              text(connection, "SELECT current_user()"),
              mysqlRole(connection));
      case SQLITE ->
          new DatabaseInfo(
              kind,
              version,
              number(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"),
              number(
                  connection,
                  "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"),
              System.getProperty("user.name"),
              "file");
    };
  }

  /** A replica runs read-only or has a replication source configured. */
  private static String mysqlRole(Connection connection) throws SQLException {
    if (number(connection, "SELECT @@global.read_only") == 1) {
      return "replica";
    }
    try (Statement statement = connection.createStatement();
        ResultSet replica = statement.executeQuery("SHOW SLAVE STATUS")) {
      return replica.next() ? "replica" : "primary";
    } catch (SQLException e) {
      // No REPLICATION CLIENT privilege: read_only said primary, and that is what we know.
      return "primary";
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
