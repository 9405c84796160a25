package io.clipdeck.sql;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Operation;
import io.clipdeck.db.PooledDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console on one profile: a connection borrowed from the profile's pool and kept, so a
 * transaction begun in one statement is still open in the next. On a Production profile it starts
 * with auto-commit off and refuses writes that were not confirmed ({@link ConfirmationRequired}).
 *
 * <p>Results stream: a query's rows stay on the server and are pulled a window at a time through a
 * {@link ResultCursor} (PostgreSQL: a portal, which needs a transaction, so a read in auto-commit
 * mode runs in one of its own, committed when its cursor closes; MySQL/MariaDB: the driver's
 * row-by-row streaming; SQLite steps through the rows by nature). One cursor is open at a time:
 * running the next statement closes it.
 *
 * <p>Calls are serialized; {@link #cancel()} and the state getters may come from any thread (the
 * getters never wait; cancel waits a moment for the statement to stop).
 */
public final class ConsoleSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSession.class);

  /** Rows the driver fetches per round trip. */
  public static final int FETCH_SIZE = 500;

  /** Longest text or hex shown of one value; the rest is summarised. */
  public static final int MAX_CHARS = 4_000;

  private final PooledDatabase database;
  private final ConnectionProfile profile;
  private final DatabaseKind kind;
  private final ConsoleHistory history;
  private final Clock clock;
  private final int maxChars;
  private final Object lock = new Object();

  private Connection connection;
  private final RunningStatement running;
  private ResultCursor open;
  // Read without the lock, so the FX thread can show them while a statement runs.
  private volatile boolean autoCommit;
  private volatile boolean readOnly;
  private volatile Instant transactionSince;
  private volatile Instant lastActivity;

  ConsoleSession(PooledDatabase database, ConsoleHistory history, Clock clock, int maxChars) {
    this.database = database;
    this.profile = database.profile();
    this.kind = profile.kind();
    this.history = history;
    this.clock = clock;
    this.maxChars = maxChars;
    this.running = new RunningStatement(database, clock);
    this.autoCommit = !profile.environment().asksBeforeWrites();
  }

  public ConnectionProfile profile() {
    return profile;
  }

  public boolean autoCommit() {
    return autoCommit;
  }

  public boolean readOnly() {
    return readOnly;
  }

  /** Whether writes must be confirmed before they run (a Production profile). */
  public boolean confirmsWrites() {
    return profile.environment().asksBeforeWrites();
  }

  /**
   * The statements of {@code statements} that would need confirmation here (none off Production).
   */
  public List<SqlStatement> needingConfirmation(List<SqlStatement> statements) {
    if (!confirmsWrites()) {
      return List.of();
    }
    return statements.stream().filter(s -> StatementClassifier.writes(s.sql(), kind)).toList();
  }

  /** Splits a script in this profile's dialect. */
  public List<SqlStatement> split(String script) {
    return SqlSplitter.split(script, kind);
  }

  /**
   * Starts running {@code statements} (nothing runs until {@link Execution#next()}).
   *
   * @param writesConfirmed the user confirmed the writes among them; needed on Production
   * @throws ConfirmationRequired on Production when a statement writes and was not confirmed
   */
  public Execution execute(List<SqlStatement> statements, boolean writesConfirmed) {
    List<SqlStatement> writes = needingConfirmation(statements);
    if (!writesConfirmed && !writes.isEmpty()) {
      throw new ConfirmationRequired(profile.name(), writes);
    }
    return new Execution(this, statements);
  }

  /** Starts running a script: {@link #execute(List, boolean)} of its statements. */
  public Execution execute(String script, boolean writesConfirmed) {
    return execute(split(script), writesConfirmed);
  }

  /** Whether a statement or a fetch is running now. */
  public boolean isRunning() {
    return running.isRunning();
  }

  /**
   * Stops the running statement or fetch: the driver's {@link Statement#cancel()}, then, when the
   * statement still runs a moment later, the server's own cancel on another connection ({@link
   * RunningStatement}). The statement ends with the server's "cancelled" error; the session stays
   * usable. Waits at most a few seconds: call it from a worker.
   */
  public void cancel() {
    running.cancel();
  }

  /** The server-side cancel alone (PostgreSQL, MariaDB/MySQL); false where there is none. */
  boolean cancelOnServer() {
    return running.cancelOnServer();
  }

  /** Turns auto-commit on or off; turning it on commits an open transaction (as JDBC does). */
  public void setAutoCommit(boolean on) throws SQLException {
    synchronized (lock) {
      closeCursor();
      if (connection != null) {
        connection.setAutoCommit(on);
      }
      autoCommit = on;
      transactionSince = null;
    }
  }

  /**
   * Read-only mode: the driver's flag and the server's own read-only transactions (PostgreSQL,
   * MariaDB/MySQL), or {@code PRAGMA query_only} on SQLite. Refused while a transaction is open.
   */
  public void setReadOnly(boolean on) throws SQLException {
    synchronized (lock) {
      if (transactionSince != null) {
        throw new IllegalStateException("Commit or roll back first: a transaction is open");
      }
      closeCursor();
      if (connection != null) {
        applyReadOnly(connection, on);
      }
      readOnly = on;
    }
  }

  public void commit() throws SQLException {
    synchronized (lock) {
      closeCursor();
      if (connection != null && !connection.getAutoCommit()) {
        connection.commit();
      }
      transactionSince = null;
      lastActivity = clock.instant();
    }
  }

  public void rollback() throws SQLException {
    synchronized (lock) {
      closeCursor();
      if (connection != null && !connection.getAutoCommit()) {
        connection.rollback();
      }
      transactionSince = null;
      lastActivity = clock.instant();
    }
  }

  /** Whether statements have run since the last commit or rollback with auto-commit off. */
  public boolean transactionOpen() {
    return transactionSince != null;
  }

  /**
   * How long an open transaction has waited since its last statement, or empty when none is open:
   * an idle transaction holds its locks.
   */
  public Optional<Duration> idleInTransaction() {
    Instant since = transactionSince;
    Instant last = lastActivity;
    if (since == null || last == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(last, clock.instant()));
  }

  /**
   * The plan of one statement. With {@code analyze} the statement runs (the caller confirmed it); a
   * statement that writes is then run in a transaction (or behind a savepoint) that is rolled back,
   * so the plan costs no change.
   */
  public ExplainPlan explain(String sql, boolean analyze) throws SQLException {
    synchronized (lock) {
      closeCursor();
      String statement = sql.strip();
      if (statement.endsWith(";")) {
        statement = statement.substring(0, statement.length() - 1);
      }
      Connection connection = connection();
      boolean runs = analyze && kind != DatabaseKind.SQLITE;
      boolean undo = runs && StatementClassifier.writes(statement, kind);
      boolean wasAutoCommit = connection.getAutoCommit();
      Savepoint savepoint = null;
      if (undo) {
        if (wasAutoCommit) {
          connection.setAutoCommit(false);
        } else {
          savepoint = connection.setSavepoint();
        }
      }
      try (Statement jdbc = connection.createStatement()) {
        running.started(jdbc);
        applyTimeout(jdbc);
        String explain =
            switch (kind) {
              case POSTGRESQL ->
                  "EXPLAIN (FORMAT JSON" + (runs ? ", ANALYZE, BUFFERS" : "") + ") " + statement;
              case MYSQL -> (runs ? "ANALYZE FORMAT=JSON " : "EXPLAIN FORMAT=JSON ") + statement;
              case SQLITE -> "EXPLAIN QUERY PLAN " + statement;
            };
        try (ResultSet rows = jdbc.executeQuery(explain)) {
          ExplainPlan plan = PlanParser.parse(kind, rows, runs);
          lastActivity = clock.instant();
          return plan;
        }
      } finally {
        running.ended();
        if (undo) {
          if (savepoint == null) {
            connection.rollback();
            connection.setAutoCommit(true);
          } else {
            connection.rollback(savepoint);
          }
        } else if (!connection.getAutoCommit() && transactionSince == null) {
          transactionSince = clock.instant();
        }
      }
    }
  }

  /** Runs one statement; a server error is a {@link Outcome.Failure}, not an exception. */
  Outcome run(SqlStatement statement) throws SQLException {
    synchronized (lock) {
      closeCursor();
      Connection connection = connection();
      boolean read = StatementClassifier.isRead(statement.sql(), kind);
      boolean ownTransaction = kind == DatabaseKind.POSTGRESQL && read && autoCommit;
      if (ownTransaction) {
        connection.setAutoCommit(false);
      }
      Statement jdbc = null;
      long start = System.nanoTime();
      try {
        if (kind == DatabaseKind.MYSQL && read) {
          jdbc =
              connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
          // Connector/J streams row by row only with this fetch size.
          jdbc.setFetchSize(Integer.MIN_VALUE);
        } else {
          jdbc = connection.createStatement();
          jdbc.setFetchSize(FETCH_SIZE);
        }
        applyTimeout(jdbc);
        running.started(jdbc);
        boolean hasRows = jdbc.execute(statement.sql());
        long executed = System.nanoTime() - start;
        lastActivity = clock.instant();
        if (StatementClassifier.endsTransaction(statement.sql(), kind)) {
          transactionSince = null;
        } else if (!autoCommit && transactionSince == null) {
          transactionSince = lastActivity;
        }
        if (hasRows) {
          ResultCursor cursor =
              new ResultCursor(
                  statement,
                  jdbc,
                  jdbc.getResultSet(),
                  kind,
                  maxChars,
                  lock,
                  executed,
                  (closed, error) -> cursorClosed(closed, error, ownTransaction));
          open = cursor;
          return cursor;
        }
        running.ended();
        long count = Math.max(0, jdbc.getLargeUpdateCount());
        jdbc.close();
        if (ownTransaction) {
          endOwnTransaction(true);
        }
        Duration elapsed = Duration.ofNanos(executed);
        history.add(
            new ConsoleHistory.Entry(statement.sql(), clock.instant(), elapsed, count, null));
        return new Outcome.Update(statement, count, elapsed);
      } catch (SQLException e) {
        running.ended();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        closeQuietly(jdbc);
        if (ownTransaction) {
          endOwnTransaction(false);
        }
        dropIfBroken(e);
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        history.add(
            new ConsoleHistory.Entry(statement.sql(), clock.instant(), elapsed, null, message));
        int position = statement.start() + ErrorPositions.inStatement(statement, e);
        return new Outcome.Failure(
            statement,
            message,
            e.getSQLState(),
            position,
            statement.line()
                + ErrorPositions.newlinesBefore(statement.sql(), position - statement.start()),
            elapsed);
      }
    }
  }

  private void cursorClosed(ResultCursor cursor, SQLException error, boolean ownTransaction) {
    running.ended();
    Statement jdbc = cursor.jdbcStatement();
    if (error == null && !cursor.exhausted() && kind == DatabaseKind.MYSQL) {
      // A streaming result reads every remaining row on close; stop the server sending them.
      try {
        jdbc.cancel();
      } catch (SQLException e) {
        LOG.debug("Cancel before closing a stream failed: {}", e.getMessage());
      }
    }
    closeQuietly(jdbc);
    if (open == cursor) {
      open = null;
    }
    try {
      if (ownTransaction) {
        endOwnTransaction(error == null);
      }
    } catch (SQLException e) {
      LOG.warn("Could not end the read's transaction on {}: {}", profile.name(), e.getMessage());
    }
    if (error != null) {
      dropIfBroken(error);
    }
    history.add(
        new ConsoleHistory.Entry(
            cursor.statement().sql(),
            clock.instant(),
            cursor.elapsed(),
            cursor.rowsRead(),
            error == null ? null : error.getMessage()));
  }

  private void endOwnTransaction(boolean commit) throws SQLException {
    if (connection == null || connection.isClosed()) {
      return;
    }
    if (commit) {
      connection.commit();
    } else {
      connection.rollback();
    }
    connection.setAutoCommit(true);
  }

  private void closeCursor() {
    if (open != null) {
      open.close();
      open = null;
    }
  }

  private Connection connection() throws SQLException {
    if (connection != null) {
      return connection;
    }
    Connection borrowed;
    try {
      borrowed = Operation.call("SQL console on " + profile.name(), database::connection);
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException(e.getMessage(), e);
    }
    try {
      borrowed.setAutoCommit(autoCommit);
      running.connected(borrowed);
      if (readOnly) {
        applyReadOnly(borrowed, true);
      }
    } catch (SQLException e) {
      closeQuietly(borrowed);
      throw e;
    }
    connection = borrowed;
    return borrowed;
  }

  private void applyReadOnly(Connection target, boolean on) throws SQLException {
    try (Statement statement = target.createStatement()) {
      switch (kind) {
        case POSTGRESQL -> {
          target.setReadOnly(on);
          statement.execute(
              "SET SESSION CHARACTERISTICS AS TRANSACTION " + (on ? "READ ONLY" : "READ WRITE"));
        }
        case MYSQL -> {
          target.setReadOnly(on);
          statement.execute("SET SESSION TRANSACTION " + (on ? "READ ONLY" : "READ WRITE"));
        }
        // The SQLite driver fixes its read-only flag when the connection opens.
        case SQLITE -> statement.execute("PRAGMA query_only = " + (on ? "1" : "0"));
      }
    }
  }

  private void applyTimeout(Statement statement) throws SQLException {
    Duration timeout = profile.pool().statementTimeout();
    if (!timeout.isZero()) {
      statement.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
    }
  }

  private void dropIfBroken(SQLException error) {
    String state = error.getSQLState();
    try {
      if ((state != null && state.startsWith("08"))
          || (connection != null && connection.isClosed())) {
        closeQuietly(connection);
        connection = null;
        transactionSince = null;
        running.disconnected();
      }
    } catch (SQLException e) {
      connection = null;
      running.disconnected();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.debug("Close failed: {}", e.getMessage());
    }
  }

  /**
   * Rolls back an open transaction, undoes the session's read-only setting and gives the connection
   * back to the pool.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closeCursor();
      if (connection == null) {
        return;
      }
      try {
        if (!connection.getAutoCommit()) {
          connection.rollback();
        }
        if (readOnly) {
          connection.setAutoCommit(true);
          applyReadOnly(connection, false);
        }
      } catch (SQLException e) {
        LOG.warn(
            "Could not reset the console's connection on {}: {}", profile.name(), e.getMessage());
      }
      closeQuietly(connection);
      connection = null;
      transactionSince = null;
      running.disconnected();
    }
  }
}
