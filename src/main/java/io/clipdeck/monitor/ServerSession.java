package io.clipdeck.monitor;

import java.time.Duration;
import java.util.Optional;

/**
 * One session on a database server, as {@code pg_stat_activity} or the MySQL processlist shows it.
 *
 * @param id the backend pid (PostgreSQL) or connection id (MySQL/MariaDB): what cancel and
 *     terminate take
 * @param state {@code active}, {@code idle}, {@code idle in transaction}, or MySQL's command
 * @param running how long its current query (or state) has lasted; zero when idle
 * @param query the statement text, shortened to {@link #QUERY_LENGTH} characters
 * @param clipdeck whether it is one of Clipdeck's own connections (by application name)
 */
public record ServerSession(
    long id,
    String user,
    String database,
    String application,
    String state,
    Optional<java.time.Instant> queryStart,
    Duration running,
    String query,
    boolean clipdeck) {

  /** Longer statements are cut: the table shows a line, not a script. */
  public static final int QUERY_LENGTH = 500;

  public boolean active() {
    return state.equals("active") || state.equalsIgnoreCase("query");
  }
}
