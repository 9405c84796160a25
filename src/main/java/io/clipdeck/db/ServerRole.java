package io.clipdeck.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a server takes writes: a PostgreSQL standby is in recovery, a MySQL/MariaDB replica runs
 * {@code read_only}; SQLite has no replicas. A failover group must know, so that it never sends
 * writes to a replica when a primary is there.
 */
public final class ServerRole {

  private ServerRole() {}

  /** Asks the server on {@code statement}'s connection; as cheap as {@code SELECT 1}. */
  public static boolean isReplica(DatabaseKind kind, Statement statement) throws SQLException {
    // SQLite has no replicas, but the check still reads a row: it proves the file answers.
    String query = Dialect.of(kind).replicaQuery().orElse("SELECT 0");
    try (ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getBoolean(1);
    }
  }

  /** {@link #isReplica(DatabaseKind, Statement)} on a connection of its own statement. */
  public static boolean isReplica(DatabaseKind kind, Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return isReplica(kind, statement);
    }
  }
}
