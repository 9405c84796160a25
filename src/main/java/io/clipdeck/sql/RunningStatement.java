package io.clipdeck.sql;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.monitor.ServerProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statement a console session is running now, and the two ways to stop it: the driver's {@link
 * Statement#cancel()}, and, when the server has not stopped within {@link #GRACE} (a driver whose
 * cancel is lost, a server busy in a step the protocol cancel does not reach), the server's own
 * cancel of the session's backend on a separate pooled connection: PostgreSQL {@code
 * pg_cancel_backend}, MariaDB/MySQL {@code KILL QUERY}, as the dashboard's {@link ServerProbe}
 * does. Either way only the statement ends; the session and its transaction state stay.
 */
final class RunningStatement {

  private static final Logger LOG = LoggerFactory.getLogger(RunningStatement.class);

  /** How long the driver's cancel has before the server is asked directly. */
  static final Duration GRACE = Duration.ofSeconds(2);

  /** One statement run: ended completes when the session stops running it. */
  private record Run(Statement statement, CompletableFuture<Void> ended) {}

  private final PooledDatabase database;
  private final DatabaseKind kind;
  private final Clock clock;
  private volatile Run current;
  private volatile long backendId = -1;

  RunningStatement(PooledDatabase database, Clock clock) {
    this.database = database;
    this.kind = database.profile().kind();
    this.clock = clock;
  }

  /**
   * Notes the server's id of the session's connection (PostgreSQL's backend pid, MariaDB's
   * connection id), for the server-side cancel. Called when the session borrows its connection.
   */
  void connected(Connection connection) throws SQLException {
    String sql =
        switch (kind) {
          case POSTGRESQL -> "SELECT pg_backend_pid()";
          case MYSQL -> "SELECT CONNECTION_ID()";
          case SQLITE -> null;
        };
    backendId = -1;
    if (sql == null) {
      return;
    }
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      if (row.next()) {
        backendId = row.getLong(1);
      }
    }
  }

  /** The session's connection is gone: there is no backend to cancel. */
  void disconnected() {
    backendId = -1;
  }

  void started(Statement statement) {
    current = new Run(statement, new CompletableFuture<>());
  }

  void ended() {
    Run run = current;
    current = null;
    if (run != null) {
      run.ended().complete(null);
    }
  }

  boolean isRunning() {
    return current != null;
  }

  /**
   * Stops the running statement, if any: the driver's cancel first, the server's cancel when the
   * statement still runs after {@link #GRACE}. Waits at most that long plus the server's answer;
   * call it from a worker, never from the thread running the statement.
   */
  void cancel() {
    Run run = current;
    if (run == null) {
      return;
    }
    try {
      // The driver's own statement, not the pool's proxy: a cancel that fails to reach the server
      // throws a connection error, and the pool would take that as the session's connection being
      // broken and close it under the running statement.
      run.statement().unwrap(Statement.class).cancel();
      LOG.info("Cancelled the running statement on {}", database.profile().name());
    } catch (SQLException e) {
      LOG.warn(
          "The driver could not cancel the statement on {}: {}",
          database.profile().name(),
          e.getMessage());
    }
    try {
      run.ended().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      cancelOnServer();
    } catch (ExecutionException e) {
      // Never completed exceptionally: ended() only completes it normally.
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Asks the server, on another connection, to cancel what the session's backend is running; false
   * when there is no server (SQLite), no known backend or the server refused.
   */
  boolean cancelOnServer() {
    long id = backendId;
    if (kind == DatabaseKind.SQLITE || id < 0) {
      return false;
    }
    ServerProbe probe = new ServerProbe(kind, (int) GRACE.toSeconds() + 3, clock);
    try (Connection other = database.connection()) {
      boolean cancelled = probe.cancel(other, id);
      LOG.info(
          "Asked the server to cancel session {} on {}: {}",
          id,
          database.profile().name(),
          cancelled ? "done" : "refused");
      return cancelled;
    } catch (SQLException e) {
      LOG.warn(
          "The server could not cancel session {} on {}: {}",
          id,
          database.profile().name(),
          e.getMessage());
      return false;
    }
  }
}
