package io.clipdeck.db;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * When one pooled connection turns out dead (server restarted, backend terminated), its siblings
 * are dead too: evict them all at once, so a borrower that just failed does not pick up the next
 * dead one (HikariCP skips validation for connections used in the last 500 ms).
 */
final class EvictAllOnDisconnect implements SQLExceptionOverride {

  /** MariaDB's ER_CONNECTION_KILLED. */
  private static final int MARIADB_CONNECTION_KILLED = 1927;

  private final Runnable evictAll;

  EvictAllOnDisconnect(Runnable evictAll) {
    this.evictAll = evictAll;
  }

  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    if (!isDisconnect(e)) {
      return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
    evictAll.run();
    return SQLExceptionOverride.Override.MUST_EVICT;
  }

  /** Connection failures (08xxx), PostgreSQL's admin shutdown and termination, MariaDB's KILL. */
  static boolean isDisconnect(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || e.getErrorCode() == MARIADB_CONNECTION_KILLED;
  }
}
