package io.clipdeck.sql;

import java.time.Duration;

/** What one statement of a script gave: rows to read, an update count, or the server's error. */
public sealed interface Outcome permits ResultCursor, Outcome.Update, Outcome.Failure {

  SqlStatement statement();

  /** A statement that returned no rows: how many rows it changed (0 for DDL) and how long. */
  record Update(SqlStatement statement, long count, Duration elapsed) implements Outcome {}

  /**
   * The server refused or failed a statement.
   *
   * @param message the server's message
   * @param sqlState the SQLSTATE, or null
   * @param position where in the script the error is (the statement's start when the server names
   *     no position)
   * @param line the script line of {@code position}, from 1
   */
  record Failure(
      SqlStatement statement,
      String message,
      String sqlState,
      int position,
      int line,
      Duration elapsed)
      implements Outcome {}
}
