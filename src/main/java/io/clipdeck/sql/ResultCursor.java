package io.clipdeck.sql;

import io.clipdeck.db.DatabaseKind;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement's rows, still on the server (or in the driver's fetch buffer): the caller pulls a
 * bounded window at a time with {@link #fetch}, so a million-row result never sits in memory.
 * Closing it (or running the session's next statement) frees the cursor. Not for concurrent use:
 * the session's lock orders it with the session's other calls; {@link ConsoleSession#cancel} stops
 * a fetch in progress from another thread, and its state getters never wait for a fetch.
 */
public final class ResultCursor implements Outcome, AutoCloseable {

  /**
   * Told once when the cursor closes: rows read, time spent, and the error that ended it, if any.
   */
  interface Closing {
    void closed(ResultCursor cursor, SQLException error);
  }

  private final SqlStatement statement;
  private final Statement jdbcStatement;
  private final ResultSet rows;
  private final List<Column> columns;
  private final int[] types;
  private final DatabaseKind kind;
  private final int maxChars;
  private final Object lock;
  private final Closing closing;
  private final long executeNanos;
  // Written under the session's lock, read without it: the FX thread asks for them while the
  // worker holds the lock for a fetch, and must not wait for the fetch to end.
  private volatile long fetchNanos;
  private volatile long rowsRead;
  private volatile boolean exhausted;
  private volatile boolean closed;

  ResultCursor(
      SqlStatement statement,
      Statement jdbcStatement,
      ResultSet rows,
      DatabaseKind kind,
      int maxChars,
      Object lock,
      long executeNanos,
      Closing closing)
      throws SQLException {
    this.statement = statement;
    this.jdbcStatement = jdbcStatement;
    this.rows = rows;
    this.kind = kind;
    this.maxChars = maxChars;
    this.lock = lock;
    this.executeNanos = executeNanos;
    this.closing = closing;
    ResultSetMetaData meta = rows.getMetaData();
    int count = meta.getColumnCount();
    List<Column> found = new ArrayList<>(count);
    types = new int[count];
    for (int i = 1; i <= count; i++) {
      types[i - 1] = meta.getColumnType(i);
      found.add(
          new Column(
              meta.getColumnLabel(i),
              meta.getColumnTypeName(i),
              CellValues.isNumeric(types[i - 1])));
    }
    columns = List.copyOf(found);
  }

  @Override
  public SqlStatement statement() {
    return statement;
  }

  public List<Column> columns() {
    return columns;
  }

  /**
   * The next rows, at most {@code max}; fewer only at the end of the result (then {@link
   * #exhausted()}). Each row holds one value per column: null, a number, a boolean or a string.
   *
   * @throws SQLException when the server fails or the fetch is cancelled; the cursor is closed
   */
  public List<Object[]> fetch(int max) throws SQLException {
    synchronized (lock) {
      if (closed || exhausted) {
        return List.of();
      }
      long start = System.nanoTime();
      List<Object[]> window = new ArrayList<>(Math.min(max, 1024));
      try {
        while (window.size() < max) {
          if (!rows.next()) {
            exhausted = true;
            break;
          }
          Object[] row = new Object[types.length];
          for (int i = 0; i < types.length; i++) {
            row[i] = CellValues.read(rows, i + 1, types[i], kind, maxChars);
          }
          window.add(row);
        }
      } catch (SQLException e) {
        fetchNanos += System.nanoTime() - start;
        finish(e);
        throw e;
      }
      fetchNanos += System.nanoTime() - start;
      rowsRead += window.size();
      if (exhausted) {
        finish(null);
      }
      return window;
    }
  }

  /** Whether every row has been read. */
  public boolean exhausted() {
    return exhausted;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Rows read so far. */
  public long rowsRead() {
    return rowsRead;
  }

  /** Time the server took to answer plus the time spent fetching so far. */
  public Duration elapsed() {
    return Duration.ofNanos(executeNanos + fetchNanos);
  }

  /** Time from sending the statement to the first answer (the first rows, on most drivers). */
  public Duration firstResponse() {
    return Duration.ofNanos(executeNanos);
  }

  /** Stops reading: the rest of the rows are never fetched. */
  @Override
  public void close() {
    synchronized (lock) {
      finish(null);
    }
  }

  Statement jdbcStatement() {
    return jdbcStatement;
  }

  private void finish(SQLException error) {
    if (closed) {
      return;
    }
    closed = true;
    closing.closed(this, error);
  }
}
