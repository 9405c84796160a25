package io.clipdeck.sql;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import java.time.Clock;

/**
 * The SQL console of one profile: opens {@link ConsoleSession}s on the profile's pool and keeps the
 * profile's history and snippets ({@link ConsoleHistory}).
 */
public final class SqlConsoleService {

  private final PooledDatabase database;
  private final ConsoleHistory history;
  private final Clock clock;

  public SqlConsoleService(PooledDatabase database, ConsoleHistory history, Clock clock) {
    this.database = database;
    this.history = history;
    this.clock = clock;
  }

  public ConnectionProfile profile() {
    return database.profile();
  }

  public ConsoleHistory history() {
    return history;
  }

  /**
   * A new console session; it borrows its connection on its first statement and keeps it until
   * closed. Values longer than {@link ConsoleSession#MAX_CHARS} are summarised.
   */
  public ConsoleSession openSession() {
    return new ConsoleSession(database, history, clock, ConsoleSession.MAX_CHARS);
  }

  /** A session whose values are never cut short: for export and the command line. */
  public ConsoleSession openFullValueSession() {
    return new ConsoleSession(database, history, clock, Integer.MAX_VALUE);
  }
}
