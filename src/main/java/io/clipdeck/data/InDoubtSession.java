package io.clipdeck.data;

import io.clipdeck.db.Dialect;
import io.clipdeck.db.PooledDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The server session that sent a COMMIT whose answer was lost. Before the data is looked at to
 * learn whether that COMMIT landed, the session must have settled: a COMMIT the server is still
 * executing can become visible after the look, and the work would then run twice. Settled means the
 * session is gone or holds no transaction open; a session still inside its transaction (the COMMIT
 * never reached the server) is ended, which rolls it back, so a later COMMIT cannot land.
 */
final class InDoubtSession {

  private static final Duration POLL = Duration.ofMillis(20);

  private final PooledDatabase server;
  private final Dialect dialect;
  private final long id;

  private InDoubtSession(PooledDatabase server, Dialect dialect, long id) {
    this.server = server;
    this.dialect = dialect;
    this.id = id;
  }

  /** The session of {@code connection} (borrowed from {@code server}); empty on SQLite. */
  static Optional<InDoubtSession> of(PooledDatabase server, Connection connection)
      throws SQLException {
    Dialect dialect = Dialect.of(server.profile().kind());
    Optional<String> query = dialect.sessionIdQuery();
    if (query.isEmpty()) {
      return Optional.empty();
    }
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(query.get())) {
      row.next();
      return Optional.of(new InDoubtSession(server, dialect, row.getLong(1)));
    }
  }

  /**
   * Waits until the session settled, for at most {@code within}. True when it did, or when the
   * server cannot be asked (a server that is down holds no session: its COMMIT either landed before
   * it went or never will, and the look waits for it to answer); false when the session was still
   * committing at the end.
   */
  boolean settle(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    boolean ended = false;
    while (true) {
      Optional<boolean[]> state;
      try {
        state = state();
      } catch (SQLException | DataException unreachable) {
        return true;
      }
      if (state.isEmpty()) {
        return true;
      }
      boolean running = state.get()[0];
      boolean inTransaction = state.get()[1];
      if (!running && !inTransaction) {
        return true;
      }
      if (!running && !ended) {
        ended = end();
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(POLL);
    }
  }

  /** Empty when the session is gone; else whether it runs a statement, and holds a transaction. */
  private Optional<boolean[]> state() throws SQLException {
    try (Connection connection = server.dataLayerConnection();
        PreparedStatement query = connection.prepareStatement(dialect.sessionStateQuery())) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        return row.next()
            ? Optional.of(new boolean[] {row.getBoolean(1), row.getBoolean(2)})
            : Optional.empty();
      }
    }
  }

  /** Ends the session; false when the server refused (no privilege): then it is waited for. */
  private boolean end() {
    try (Connection connection = server.dataLayerConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(dialect.terminateSessionSql(id));
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
