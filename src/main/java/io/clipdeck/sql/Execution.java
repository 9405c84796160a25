package io.clipdeck.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A script being run, one statement per {@link #next()}: a statement runs only when its outcome is
 * asked for, and asking for the next closes the previous result's cursor. The script stops at the
 * first failure.
 */
public final class Execution {

  private final ConsoleSession session;
  private final List<SqlStatement> statements;
  private int next;
  private boolean stopped;

  Execution(ConsoleSession session, List<SqlStatement> statements) {
    this.session = session;
    this.statements = List.copyOf(statements);
  }

  public List<SqlStatement> statements() {
    return statements;
  }

  /** Runs the next statement; empty when the script has ended or stopped at a failure. */
  public Optional<Outcome> next() throws SQLException {
    if (stopped || next >= statements.size()) {
      return Optional.empty();
    }
    Outcome outcome = session.run(statements.get(next++));
    if (outcome instanceof Outcome.Failure) {
      stopped = true;
    }
    return Optional.of(outcome);
  }

  /** Statements not run (yet, or because an earlier one failed). */
  public int remaining() {
    return statements.size() - next;
  }
}
