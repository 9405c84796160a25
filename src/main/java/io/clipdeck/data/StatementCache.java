package io.clipdeck.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repositories' prepared statements kept per SQLite connection, so a read compiles its SQL once
 * per connection instead of once per call. PostgreSQL's and MariaDB's drivers cache statements
 * themselves; sqlite-jdbc does not, and HikariCP deliberately has no statement cache, so on SQLite
 * compiling the statement (sqlite3_prepare and reading its column names) was the largest part of a
 * primary-key lookup.
 *
 * <p>Statements are prepared on the driver's connection under the pool's proxy (the proxy closes
 * what it prepared when the connection goes back to the pool). That is safe because:
 *
 * <ul>
 *   <li>a borrowed connection is used by one thread at a time, and its statements with it (the map
 *       of one connection is still locked, so the hand-over between borrowers is ordered);
 *   <li>closing a result set resets its SQLite statement, which then holds no lock and no read
 *       snapshot; the values are bound again on every use;
 *   <li>a statement that failed is closed and forgotten, never reused in an unknown state;
 *   <li>when the pool closes a connection (recycled, evicted), SQLite finalizes its statements; the
 *       entries of closed connections are dropped when the next connection is first seen.
 * </ul>
 *
 * At most {@link #PER_CONNECTION} statements per connection, the least recently used closed first.
 */
final class StatementCache {

  private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);

  /** Enough for every statement text the repositories build for a screen; bounded all the same. */
  static final int PER_CONNECTION = 64;

  /** Keyed by the driver's connection (identity: sqlite-jdbc does not override equals). */
  private final Map<Connection, Statements> byConnection = new ConcurrentHashMap<>();

  /** What a caller does with a statement the cache lends it (bound afresh, result set closed). */
  interface Use<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  /** Runs {@code use} on this connection's statement for {@code sql}, prepared once. */
  <T> T with(Connection borrowed, String sql, Use<T> use) throws SQLException {
    Connection driver = borrowed.unwrap(Connection.class);
    Statements statements = byConnection.get(driver);
    if (statements == null) {
      dropClosedConnections();
      statements = byConnection.computeIfAbsent(driver, key -> new Statements());
    }
    synchronized (statements) {
      PreparedStatement statement = statements.get(sql);
      if (statement == null || statement.isClosed()) {
        statement = driver.prepareStatement(sql);
        statements.put(sql, statement);
      }
      boolean failed = true;
      try {
        statement.clearParameters();
        T result = use.run(statement);
        failed = false;
        return result;
      } finally {
        if (failed) {
          statements.remove(sql);
          closeQuietly(statement);
        }
      }
    }
  }

  /** Connections cached now (for tests). */
  int connections() {
    return byConnection.size();
  }

  private void dropClosedConnections() {
    byConnection
        .entrySet()
        .removeIf(
            entry -> {
              try {
                return entry.getKey().isClosed();
              } catch (SQLException e) {
                return true;
              }
            });
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      LOG.debug("closing a cached statement failed: {}", e.getMessage());
    }
  }

  /** One connection's statements, least recently used first. */
  private static final class Statements extends LinkedHashMap<String, PreparedStatement> {
    private static final long serialVersionUID = 1L;

    Statements() {
      super(16, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() <= PER_CONNECTION) {
        return false;
      }
      closeQuietly(eldest.getValue());
      return true;
    }
  }
}
